import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/ui/language-switch";
import type { SessionUser } from "@/lib/auth/session";
import { navFor, RESIDENT_NAV } from "@/components/shell/nav";
import { BottomLinks } from "./nav-links";
import { NotificationBell } from "./notification-bell";
import { ServiceWorkerRegistration } from "./service-worker";
import type { SchemaAction } from "@/lib/actions/result";
import type { localeSchema } from "@/lib/tenancy/schemas";

/** Mobile-first resident frame: a slim header, the page, and a bottom navigation bar. */
export async function ResidentShell({
  switchLocale,
  user,
  unread,
  children,
}: {
  switchLocale: SchemaAction<typeof localeSchema>;
  user: SessionUser;
  /** Unread notifications, for the bell. */
  unread: number;
  children: ReactNode;
}) {
  const t = await getTranslations();
  return (
    <div className="mx-auto flex min-h-dvh max-w-md flex-col bg-slate-50">
      <header className="sticky top-0 z-10 flex items-center justify-between border-b border-slate-200 bg-white/95 px-4 py-1.5 backdrop-blur">
        <span className="font-bold text-brand-700">{t("app.name")}</span>
        <div className="flex items-center gap-2">
          <NotificationBell href="/notifications" count={unread} />
          <LanguageSwitch switchLocale={switchLocale} />
        </div>
      </header>
      <main id="main" className="flex-1 px-4 pb-24 pt-4">
        {children}
      </main>
      <nav
        aria-label={t("nav.mainNav")}
        className="no-print fixed inset-x-0 bottom-0 z-10 border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)]"
      >
        <BottomLinks items={navFor(RESIDENT_NAV, user.roles)} />
      </nav>
      <ServiceWorkerRegistration />
    </div>
  );
}
