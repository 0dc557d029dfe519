"use client";

import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";

/**
 * The staff sidebar: on wide screens the navigation stands beside the page; below `lg` it folds
 * into a menu that opens under the header and closes on the next page. The links are rendered
 * once (they used to be rendered twice, a sidebar and a phone menu: about 35 KB of HTML and as
 * much of RSC payload per staff page for an admin).
 */
export function StaffAside({
  brand,
  menuLabel,
  navLabel,
  children,
}: {
  brand: ReactNode;
  menuLabel: string;
  navLabel: string;
  children: ReactNode;
}) {
  const pathname = usePathname();
  // Open on the page where it was opened: a navigation closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <aside className="no-print relative border-b border-slate-200 bg-white lg:sticky lg:top-0 lg:h-dvh lg:overflow-y-auto lg:w-60 lg:shrink-0 lg:border-b-0 lg:border-r">
      <div className="flex items-center justify-between px-4 py-3">
        {brand}
        <button
          type="button"
          aria-expanded={open}
          aria-controls="staff-nav"
          onClick={() => setOpenOn(open ? null : pathname)}
          className="flex min-h-11 min-w-11 items-center justify-center rounded-md px-3 text-sm ring-1 ring-slate-300 lg:hidden"
        >
          {menuLabel}
        </button>
      </div>
      <nav
        id="staff-nav"
        aria-label={navLabel}
        className={`${open ? "block" : "hidden"} absolute inset-x-0 top-full z-30 max-h-[75dvh] overflow-y-auto border-b border-slate-200 bg-white p-2 shadow lg:static lg:block lg:max-h-none lg:overflow-visible lg:border-b-0 lg:p-0 lg:px-2 lg:shadow-none`}
      >
        {children}
      </nav>
    </aside>
  );
}
