import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { unreadEmergencies } from "@/lib/portal/notices";

/** Unread emergency announcements, across the top of every resident page until read. */
export async function EmergencyBanner({ user }: { user: SessionUser }) {
  const rows = await unreadEmergencies(getDb(), user.companyId, user.id, new Date());
  if (!rows.length) return null;
  const t = await getTranslations("portal.notices");
  return (
    <section aria-label={t("bannerLabel")} data-testid="emergency-banner" className="mb-4 space-y-2">
      {rows.map((n) => (
        <Link
          key={n.id}
          href={`/community/notices/${n.id}`}
          className="flex items-start gap-2 rounded-md bg-red-700 p-3 text-sm font-medium text-white shadow"
        >
          <TriangleAlert aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          <span className="flex-1" data-user-text>
            {t("banner", { title: n.title })}
          </span>
          <span className="shrink-0 underline">{t("readIt")}</span>
        </Link>
      ))}
    </section>
  );
}
