"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { NavItem } from "@/components/shell/nav";
import type { NavSection } from "@/components/shell/staff-main";
import type { NavBadge } from "@/lib/portal/badges";
import { NavIconView } from "./nav-icons";

function isActive(pathname: string, href: string, exact: boolean) {
  return exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}

function currentHref(pathname: string, items: readonly NavItem[]) {
  return items
    .filter((i) => isActive(pathname, i.href, i.href === "/staff"))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

function Badge({ count }: { count: number }) {
  return count > 0 ? (
    <span className="ml-auto rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-medium leading-none tabular-nums text-white">
      {count > 99 ? "99+" : count}
    </span>
  ) : null;
}

/**
 * Sidebar links for staff, under module headings (the role's main tools first): the longest
 * matching entry is the current one. Badges show counts of waiting work.
 */
export function SidebarLinks({
  sections,
  badges = {},
}: {
  sections: NavSection[];
  badges?: Partial<Record<NavBadge, number>>;
}) {
  const t = useTranslations();
  const pathname = usePathname();
  const current = currentHref(
    pathname,
    sections.flatMap((s) => s.items),
  );
  return (
    <div className="space-y-3 pb-4">
      {sections.map((section) => (
        <section key={section.group} aria-labelledby={`nav-group-${section.group}`}>
          <h2 id={`nav-group-${section.group}`} className="px-3 pb-1 text-xs font-medium text-slate-600">
            {t(`shell.group.${section.group}`)}
          </h2>
          <ul className="space-y-0.5">
            {section.items.map((item) => {
              const active = item.href === current;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    className={`flex min-h-11 items-center gap-2 rounded-md px-3 py-2 text-sm lg:min-h-0 ${
                      active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"
                    }`}
                  >
                    <NavIconView name={item.icon} className="h-4 w-4" />
                    {t(`nav.${item.label}`)}
                    <Badge count={item.badge ? (badges[item.badge] ?? 0) : 0} />
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

/**
 * The bottom navigation bar on phones (residents always; staff below the lg breakpoint): tap targets ≥ 44 px.
 * Labels use the short form under "nav.short" when there is one (five fit side by side at 375 px).
 */
export function BottomLinks({ items, badges = {} }: { items: NavItem[]; badges?: Partial<Record<NavBadge, number>> }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const current = currentHref(pathname, items);
  return (
    <ul className="mx-auto flex max-w-md">
      {items.map((item) => {
        const active = item.href === current;
        const count = item.badge ? (badges[item.badge] ?? 0) : 0;
        return (
          <li key={item.href} className="min-w-0 flex-1">
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`relative flex min-h-12 flex-col items-center justify-center gap-0.5 px-1 py-1.5 text-center text-xs leading-tight ${active ? "font-medium text-brand-700" : "text-slate-600"}`}
            >
              <NavIconView name={item.icon} className="h-5 w-5" />
              <span className="max-w-full truncate" data-testid="bottom-bar-label">
                {t.has(`short.${item.label}`) ? t(`short.${item.label}` as "short.orders") : t(item.label)}
              </span>
              {count > 0 ? (
                <span className="absolute right-1 top-0.5 rounded-full bg-red-600 px-1 text-[10px] font-medium leading-4 tabular-nums text-white">
                  {count > 99 ? "99+" : count}
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
