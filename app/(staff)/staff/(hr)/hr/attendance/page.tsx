import { getTranslations } from "next-intl/server";
import { CsvDownload } from "@/components/ui/csv-download";
import { CorrectionForm } from "@/components/hr/correction-form";
import { ShiftForm } from "@/components/hr/shift-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { communityOptions, FilterCard, FilterInput, FilterSelect } from "@/components/ui/filter-card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { HR_MANAGE_ROLES } from "@/lib/hr/access";
import { monthSheet, recentCorrections, shiftsOf } from "@/lib/hr/attendance-queries";
import { listCommunityOptions } from "@/lib/registry/directory";
import { formatMinute } from "@/lib/hr/rules";
import { isMonth } from "@/lib/time/calendar";
import { localParts } from "@/lib/time/zone";
import { correctAttendanceAction, setShiftAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("hr.sheet"))("title") };
}

export const dynamic = "force-dynamic";

type Sheet = Awaited<ReturnType<typeof monthSheet>>;

const cells = (x: Sheet["totals"]) => [
  x.present,
  x.late ? `${x.late} / ${x.lateMinutes}′` : "0",
  x.early ? `${x.early} / ${x.earlyMinutes}′` : "0",
  x.absent,
  x.incomplete,
  x.leave,
];

/** The monthly attendance sheet per community, with totals, CSV export and corrections (HR, admin). */
export default async function AttendanceSheetPage({
  searchParams,
}: {
  searchParams: Promise<{ month?: string; community?: string }>;
}) {
  const user = await requireUser(HR_MANAGE_ROLES);
  const t = await getTranslations("hr.sheet");
  const sp = await searchParams;
  const today = localParts(new Date(), user.timeZone).date;
  const month = sp.month && isMonth(sp.month) ? sp.month : today.slice(0, 7);
  const db = getDb();
  const communities = await listCommunityOptions(db, user.companyId);
  const communityId = communities.find((c) => String(c.id) === sp.community)?.id ?? null;
  const [sheet, corrections, shiftOf] = await Promise.all([
    monthSheet(db, user.companyId, month, { communityId }),
    recentCorrections(db, user.companyId),
    shiftsOf(db, user.companyId, []),
  ]);
  const companyShift = shiftOf(0);
  const ts = await getTranslations("hr.shift");
  const query = new URLSearchParams({ month, ...(communityId ? { community: String(communityId) } : {}) });
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("title")}
        subtitle={t("subtitle", { month, people: sheet.rows.length })}
        actions={
          <CsvDownload
            href={`/staff/hr/attendance/csv?${query}`}
            className="text-sm font-medium text-brand-700 hover:underline"
            label={t("exportCsv")}
          />
        }
      />
      <SheetFilter month={month} communityId={communityId} communities={communities} />
      <SheetTable sheet={sheet} />
      <Card title={ts("companyTitle")}>
        <ShiftForm
          setShiftAction={setShiftAction}
          userId={null}
          start={formatMinute(companyShift.startMinute)}
          end={formatMinute(companyShift.endMinute)}
        />
      </Card>
      <Card title={t("correctTitle")}>
        <CorrectionForm correctAttendanceAction={correctAttendanceAction} people={sheet.rows} defaultDate={today} />
      </Card>
      <RecentCorrections corrections={corrections} timeZone={user.timeZone} />
    </div>
  );
}

async function SheetFilter({
  month,
  communityId,
  communities,
}: {
  month: string;
  communityId: number | null;
  communities: Awaited<ReturnType<typeof listCommunityOptions>>;
}) {
  const t = await getTranslations("hr.sheet");
  return (
    <FilterCard submitLabel={t("show")}>
      <FilterInput label={t("month")} type="month" name="month" defaultValue={month} />
      <FilterSelect
        label={t("community")}
        name="community"
        defaultValue={communityId ?? ""}
        allLabel={t("allCommunities")}
        options={communityOptions(communities)}
      />
    </FilterCard>
  );
}

async function SheetTable({ sheet }: { sheet: Sheet }) {
  const t = await getTranslations("hr.sheet");
  return (
    <Card>
      {sheet.rows.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <Table
          head={[
            t("employeeNo"),
            t("name"),
            t("shift"),
            t("present"),
            t("lateCol"),
            t("earlyCol"),
            t("absent"),
            t("incomplete"),
            t("leave"),
          ]}
        >
          {sheet.rows.map((r) => (
            <tr key={r.userId} data-testid={`sheet-${r.employeeNo}`}>
              <td className="font-mono">{r.employeeNo}</td>
              <td>{r.name}</td>
              <td className="tabular-nums whitespace-nowrap">
                {formatMinute(r.shift.startMinute)}–{formatMinute(r.shift.endMinute)}
              </td>
              {cells(r.totals).map((v, i) => (
                <td key={i} className="tabular-nums">
                  {v}
                </td>
              ))}
            </tr>
          ))}
          <tr className="font-semibold">
            <td colSpan={3}>{t("total")}</td>
            {cells(sheet.totals).map((v, i) => (
              <td key={i} className="tabular-nums">
                {v}
              </td>
            ))}
          </tr>
        </Table>
      )}
    </Card>
  );
}

async function RecentCorrections({
  corrections,
  timeZone,
}: {
  corrections: Awaited<ReturnType<typeof recentCorrections>>;
  timeZone: string;
}) {
  const t = await getTranslations("hr.sheet");
  return (
    <Card title={t("recentCorrections")}>
      {corrections.length === 0 ? (
        <EmptyState>{t("noCorrections")}</EmptyState>
      ) : (
        <Table head={[t("name"), t("date"), t("kind"), t("time"), t("reason")]}>
          {corrections.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td className="tabular-nums">{c.workDate}</td>
              <td>{c.kind === "in" ? t("kindIn") : t("kindOut")}</td>
              <td className="tabular-nums">{formatMinute(localParts(c.at, timeZone).minute)}</td>
              <td>{c.reason}</td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
