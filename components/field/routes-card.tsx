import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, EmptyState } from "@/components/ui/card";

/** The company's patrol routes, each with a link to its printable QR sheet. */
export async function RoutesCard({ routes }: { routes: readonly { id: number; name: string; community: string }[] }) {
  const t = await getTranslations("field");
  return (
    <Card title={t("board.routes")}>
      {routes.length === 0 ? (
        <EmptyState>{t("board.noRoutes")}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {routes.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-2 py-2 text-sm">
              <span>
                <span data-user-text>{r.community}</span> · <span data-user-text>{r.name}</span>
              </span>
              <Link href={`/staff/field/routes/${r.id}/print`} className="text-brand-700 hover:underline">
                {t("board.print")}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
