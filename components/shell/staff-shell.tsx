import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/ui/language-switch";
import type { SessionUser } from "@/lib/auth/session";
import type { NavItem } from "@/components/shell/nav";
import type { NavBadge } from "@/lib/portal/badges";
import { BottomLinks, SidebarLinks } from "./nav-links";
import { groupNav, mainItemsFor } from "./staff-main";
import { QuickJump } from "./quick-jump";
import { ServiceWorkerRegistration } from "./service-worker";
import { NotificationBell } from "./notification-bell";
import { SignOutButton } from "./sign-out-button";
import { StaffAside } from "./staff-aside";
import type { SchemaAction } from "@/lib/actions/result";
import type { localeSchema } from "@/lib/tenancy/schemas";

/** Staff frame: a sidebar whose entries follow the user's roles; on phones it folds into a menu (staff-aside.tsx). */
export async function StaffShell({
  switchLocale,
  user,
  items,
  badges,
  unread,
  children,
}: {
  switchLocale: SchemaAction<typeof localeSchema>;
  user: SessionUser;
  /** The entries the user's roles open (components/shell/nav navFor), with the counts of their badges. */
  items: NavItem[];
  badges: Partial<Record<NavBadge, number>>;
  unread: number;
  children: ReactNode;
}) {
  const t = await getTranslations();
  const staffRoles = user.roles.filter((r) => r !== "resident");
  const sections = groupNav(items, user.roles);
  return (
    <div className="min-h-dvh lg:flex">
      <a href="#main" className="sr-only focus:not-sr-only">
        {t("app.skipToContent")}
      </a>
      <StaffAside
        brand={
          <div>
            <div className="font-bold text-brand-700">{t("app.name")}</div>
            <div className="text-xs text-slate-500" data-user-text>
              {user.companyName}
            </div>
          </div>
        }
        menuLabel={t("nav.menu")}
        navLabel={t("nav.mainNav")}
      >
        <SidebarLinks sections={sections} badges={badges} />
      </StaffAside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="no-print flex flex-wrap items-center justify-end gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-4 py-2">
          <QuickJump />
          <span className="text-sm text-slate-700">
            <span data-user-text>{user.name}</span> ·{" "}
            {staffRoles.map((r) => t(`roles.${r}`)).join(t("common.listSeparator"))}
          </span>
          <NotificationBell href="/staff/notifications" count={unread} />
          <LanguageSwitch switchLocale={switchLocale} />
          <SignOutButton />
        </header>
        <main id="main" className="flex-1 p-4 pb-24 lg:p-6">
          {children}
        </main>
      </div>
      <nav
        aria-label={t("shell.bottomNav")}
        className="no-print fixed inset-x-0 bottom-0 z-20 border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)] lg:hidden"
        data-testid="staff-bottom-bar"
      >
        <BottomLinks items={mainItemsFor(items, user.roles)} badges={badges} />
      </nav>
      <ServiceWorkerRegistration />
    </div>
  );
}
