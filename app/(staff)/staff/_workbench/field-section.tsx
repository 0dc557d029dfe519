import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, Stat } from "@/components/ui/card";
import type { SessionUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { todayCounts } from "@/lib/field/board";
import { localDate } from "@/lib/time/zone";

/** Cleaner or guard (issue 19): today's own tasks or rounds — to do, done, overdue — and the way to them. */
export async function FieldSection({ user, kind }: { user: SessionUser; kind: "cleaning" | "patrol" }) {
  const t = await getTranslations("field.workbench");
  const counts = await todayCounts(getDb(), user.companyId, user.id, localDate(new Date(), user.timeZone));
  const c = kind === "cleaning" ? counts.tasks : counts.rounds;
  return (
    <Card
      title={t(kind)}
      actions={
        <Link
          href={`/staff/field/${kind}`}
          className="text-sm text-brand-700 hover:underline"
          data-testid={`wb-${kind}`}
        >
          {t("go")}
        </Link>
      }
    >
      <div className="grid grid-cols-3 gap-2" data-testid={`wb-${kind}-counts`}>
        <Stat label={t("open")} value={c.open} />
        <Stat label={t("done")} value={c.done} />
        <Stat label={t("missed")} value={c.missed} />
      </div>
    </Card>
  );
}
