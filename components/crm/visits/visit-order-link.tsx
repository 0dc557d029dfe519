import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";

/** On a visit order's page: the visit is recorded on the visit page (which also resolves the order). */
export async function VisitOrderLink({ visit }: { visit: { id: number; visitedAt: Date | null } }) {
  const t = await getTranslations("visits.visit");
  return (
    <Card>
      <Link
        href={`/staff/crm/visits/${visit.id}`}
        className="font-medium text-brand-700 hover:underline"
        data-testid="visit-record-link"
      >
        {visit.visitedAt ? t("recorded") : t("recordLink")} →
      </Link>
    </Card>
  );
}
