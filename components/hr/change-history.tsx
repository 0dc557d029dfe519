import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/card";
import { isRole } from "@/lib/auth/roles";
import type { listPersonnelChanges } from "@/lib/hr/changes";

/** A person's personnel changes, newest first, each with what changed and whether it is in force. */
export async function ChangeHistory({ changes }: { changes: Awaited<ReturnType<typeof listPersonnelChanges>> }) {
  const t = await getTranslations("hr.changes");
  const tr = await getTranslations("roles");
  if (changes.length === 0) return <EmptyState>{t("none")}</EmptyState>;
  const role = (r: string | null) => (isRole(r) ? tr(r) : "—");
  return (
    <ol className="space-y-3 text-sm">
      {changes.map((c) => (
        <li key={c.id} className="rounded-lg border border-slate-200 p-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="font-medium">{t(`kinds.${c.kind}`)}</span>
            <span className="tabular-nums text-slate-500">
              {c.effectiveDate} · {c.appliedAt ? t("applied") : <span className="text-amber-700">{t("pending")}</span>}
            </span>
          </div>
          <p className="mt-1 text-slate-700">
            {c.kind === "transfer" ? `→ ${c.toCommunityName ?? "—"}` : null}
            {c.kind === "role_change" ? `${role(c.fromRole)} → ${role(c.toRole)}` : null}
            {c.kind === "promotion" ? `→ ${c.toPosition ?? "—"}${c.toRole ? ` (${role(c.toRole)})` : ""}` : null}
          </p>
          <p className="mt-1 text-slate-500">{c.reason}</p>
        </li>
      ))}
    </ol>
  );
}
