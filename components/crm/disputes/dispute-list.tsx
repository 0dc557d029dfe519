import { getTranslations } from "next-intl/server";
import { noticeNumberText } from "@/components/crm/arrears/notice-number";
import type { DisputeRow } from "@/lib/crm/disputes/queries";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";

const TONE = {
  open: "bg-amber-50 text-amber-800",
  upheld: "bg-emerald-50 text-emerald-800",
  rejected: "bg-slate-100 text-slate-700",
} as const;

/** Disputes as cards (resident pages at 375 px and the staff household page): subject, reason, status and the answer. */
export async function DisputeList({
  rows,
  photos,
  locale,
  timeZone,
  hrefOf,
}: {
  rows: DisputeRow[];
  photos: Map<number, number[]>;
  locale: Locale;
  timeZone: string;
  hrefOf?: (id: number) => string;
}) {
  const t = await getTranslations("arrears.disputes");
  const num = await noticeNumberText();
  return (
    <ul className="space-y-3" data-testid="dispute-list">
      {rows.map((d) => (
        <li
          key={d.id}
          className="rounded-md bg-white p-3 text-sm ring-1 ring-slate-200"
          data-testid={`dispute-${d.id}`}
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="font-medium">
              {hrefOf ? (
                <a href={hrefOf(d.id)} className="text-brand-700 hover:underline">
                  #{d.id}
                </a>
              ) : null}{" "}
              {d.subject === "notice"
                ? t("aboutNotice", { number: num(d.noticeNumber ?? "") })
                : t("aboutBill", { period: d.billPeriod ?? "" })}
            </span>
            <span className={`rounded px-2 py-0.5 text-xs ${TONE[d.status]}`} data-testid="dispute-status">
              {t(`status.${d.status}`)}
            </span>
          </div>
          <div className="mt-1 text-xs text-slate-500">
            <span data-user-text>{d.householdName}</span> · {formatDateTime(d.createdAt, locale, timeZone)}
          </div>
          <p className="mt-2 break-words whitespace-pre-line text-slate-700" data-user-text>
            {d.reason}
          </p>
          {photos.get(d.id)?.length ? (
            <div className="mt-2 flex flex-wrap gap-2">
              {photos.get(d.id)!.map((id, i) => (
                <a key={id} href={`/api/files/d${id}`} target="_blank" rel="noreferrer">
                  {/* eslint-disable-next-line @next/next/no-img-element -- private file behind an authorized route */}
                  <img
                    src={`/api/files/d${id}`}
                    alt={t("photo", { n: i + 1 })}
                    className="h-16 w-16 rounded object-cover ring-1 ring-slate-200"
                  />
                </a>
              ))}
            </div>
          ) : null}
          {d.resolution ? (
            <div className="mt-2 border-t border-slate-100 pt-2">
              <div className="text-xs text-slate-500">
                {t("answer")} · {d.resolvedOn}
                {d.resolverName ? (
                  <>
                    {" · "}
                    <span data-user-text>{d.resolverName}</span>
                  </>
                ) : null}
              </div>
              <p className="break-words whitespace-pre-line" data-testid="dispute-answer" data-user-text>
                {d.resolution}
              </p>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
