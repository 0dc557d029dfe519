import { Bell } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The inbox bell with the unread count (loaded by the layout with the shell's other counts), for both shells. */
export async function NotificationBell({ href, count: n }: { href: string; count: number }) {
  const t = await getTranslations("tickets.notifications");
  return (
    <Link
      href={href}
      aria-label={t("bell", { count: n })}
      className="relative inline-flex min-h-11 min-w-11 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100"
      data-testid="bell"
    >
      <Bell aria-hidden className="h-5 w-5" />
      {n > 0 ? (
        <span
          className="absolute right-0 top-0 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white tabular-nums"
          data-testid="bell-count"
        >
          {n > 99 ? "99+" : n}
        </span>
      ) : null}
    </Link>
  );
}
