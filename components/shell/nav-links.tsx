"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { NavItem } from "@/components/shell/nav";
import type { NavBadge } from "@/lib/portal/badges";
import { NavIconView } from "./nav-icons";

function isActive(pathname: string, href: string, exact: boolean) {
  return exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
}

/** Sidebar links for staff: the longest matching entry is the current one. Badges show counts of waiting work. */
export function SidebarLinks({ items, badges = {} }: { items: NavItem[]; badges?: Partial<Record<NavBadge, number>> }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const current = items
    .filter((i) => isActive(pathname, i.href, i.href === "/staff"))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <ul className="space-y-0.5">
      {items.map((item) => {
        const active = item.href === current;
        const count = item.badge ? (badges[item.badge] ?? 0) : 0;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm ${
                active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"
              }`}
            >
              <NavIconView name={item.icon} className="h-4 w-4" />
              {t(item.label)}
              {count > 0 ? (
                <span className="ml-auto rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-medium leading-none tabular-nums text-white">
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

/** The resident bottom navigation bar. */
export function BottomLinks({ items }: { items: NavItem[] }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <ul className="mx-auto flex max-w-md">
      {items.map((item) => {
        const active = isActive(pathname, item.href, false);
        return (
          <li key={item.href} className="flex-1">
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`flex flex-col items-center gap-0.5 py-2 text-xs ${active ? "font-medium text-brand-700" : "text-slate-500"}`}
            >
              <NavIconView name={item.icon} className="h-5 w-5" />
              {t(item.label)}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
