import { getTranslations } from "next-intl/server";
import type { StaffRecordRow } from "@/lib/hr/queries";
import { StaffStatusBadge } from "./status-badge";

/** A read-only staff record (the person's own page, and HR's view). */
export async function RecordDetails({ record }: { record: StaffRecordRow }) {
  const t = await getTranslations("hr");
  const tr = await getTranslations("roles");
  const sep = (await getTranslations("common"))("listSeparator");
  const rows: [string, React.ReactNode][] = [
    [
      t("employeeNo"),
      <span key="no" className="font-mono">
        {record.employeeNo}
      </span>,
    ],
    [t("name"), record.name],
    [t("roles"), record.roles.map((r) => tr(r)).join(sep) || "—"],
    [t("position"), record.position],
    [t("community"), record.communityName ?? "—"],
    [t("hireDate"), record.hireDate],
    [t("statusLabel"), <StaffStatusBadge key="s" status={record.status} />],
    [t("phone"), record.phone ?? "—"],
    [t("email"), record.email ?? "—"],
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
