import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import type { SessionUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { qualitySummary } from "@/lib/field/inspection-queries";
import { localDate } from "@/lib/time/zone";

const TILE = "block min-h-11 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200 hover:bg-slate-100";

/** Supervisor / project manager (issue 19 point 3): this month's quality score and the open defect orders, each a link. */
export async function QualitySection({ user }: { user: SessionUser }) {
  const t = await getTranslations("field.workbench");
  const month = localDate(new Date(), user.timeZone).slice(0, 7);
  const q = await qualitySummary(getDb(), user.companyId, month);
  return (
    <Card
      title={t("quality")}
      actions={
        <Link href="/staff/field/inspections/new" className="text-sm text-brand-700 hover:underline">
          {t("inspect")}
        </Link>
      }
    >
      <div className="grid grid-cols-2 gap-2" data-testid="wb-quality">
        <Link href="/staff/field/quality" className={TILE} data-testid="wb-quality-score">
          <span className="block text-xs text-slate-500">{t("qualityScore")}</span>
          <span className="mt-1 block text-lg font-semibold tabular-nums text-slate-900">
            {q.pct == null ? t("noScore") : `${q.pct}%`}
          </span>
        </Link>
        <Link
          href="/staff/orders?tab=scope&origin=inspection&status=open"
          className={TILE}
          data-testid="wb-quality-defects"
        >
          <span className="block text-xs text-slate-500">{t("openDefects")}</span>
          <span className="mt-1 block text-lg font-semibold tabular-nums text-slate-900">{q.openDefects}</span>
        </Link>
      </div>
    </Card>
  );
}
