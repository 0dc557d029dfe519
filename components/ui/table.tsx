import type { ReactNode } from "react";

/** A dense staff table: horizontal scroll on small screens, header row, zebra-free rows. */
export function Table({ head, children }: { head: ReactNode[]; children: ReactNode }) {
  return (
    // Focusable so a keyboard can scroll it when it overflows on a phone (axe scrollable-region-focusable).
    <div className="overflow-x-auto" tabIndex={0}>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs text-slate-500">
          <tr>
            {head.map((h, i) => (
              <th key={i} className="whitespace-nowrap py-2 pr-3 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="[&>tr]:border-b [&>tr]:border-slate-100 [&>tr:last-child]:border-0 [&_td]:py-2 [&_td]:pr-3 [&_td]:align-top">
          {children}
        </tbody>
      </table>
    </div>
  );
}
