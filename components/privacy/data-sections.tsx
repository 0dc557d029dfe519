import { formatDateTime, formatFen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import type { MyData, MyDataSection } from "@/lib/privacy/my-data";

/** One value, readable: dates in the company's zone, money columns (…Fen) as yuan, objects as JSON. */
function show(key: string, value: unknown, locale: Locale, timeZone: string): string {
  if (value == null || value === "") return "—";
  if (value instanceof Date) return formatDateTime(value, locale, timeZone);
  if (typeof value === "number" && /fen$/i.test(key)) return formatFen(value, locale);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * "My data" as a readable, printable page: one section per kind of record, every record as
 * a list of field: value. Sections open on screen are all printed (print CSS opens them).
 */
export function DataSections({
  data,
  sections,
  labels,
  emptyText,
  countText,
  locale,
  timeZone,
}: {
  data: MyData;
  sections: readonly MyDataSection[];
  labels: Record<MyDataSection, string>;
  emptyText: string;
  countText: (n: number) => string;
  locale: Locale;
  timeZone: string;
}) {
  return (
    <div className="space-y-2">
      {sections.map((section) => {
        const rows = data[section];
        return (
          <details
            key={section}
            open={section === "account"}
            className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 print:shadow-none"
            data-testid={`data-${section}`}
          >
            <summary className="flex cursor-pointer items-center justify-between text-sm font-semibold text-slate-900">
              <span>{labels[section]}</span>
              <span className="text-xs font-normal text-slate-500">{countText(rows.length)}</span>
            </summary>
            {rows.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500">{emptyText}</p>
            ) : (
              <ol className="mt-2 space-y-2">
                {rows.map((row, i) => (
                  <li key={i} className="rounded-md bg-slate-50 p-2">
                    <dl className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-2 gap-y-0.5 text-xs">
                      {Object.entries(row).map(([k, v]) => (
                        <div key={k} className="contents">
                          <dt className="truncate text-slate-500">{k}</dt>
                          <dd className="break-words text-slate-900" data-user-text>
                            {show(k, v, locale, timeZone)}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  </li>
                ))}
              </ol>
            )}
          </details>
        );
      })}
    </div>
  );
}
