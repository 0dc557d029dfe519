import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ENTRY_SOURCES } from "@/db/schema/finance";
import { categoryIsUser, categoryLabel } from "@/components/finance/category-label";
import { JournalForm, PostNowButton, ReverseButton } from "@/components/finance/journal-forms";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { FINANCE_EDIT_ROLES } from "@/lib/finance/access";
import { ensureCategories, listCategories } from "@/lib/finance/categories";
import { unpostedItems } from "@/lib/finance/posting";
import { recentEntries } from "@/lib/finance/reports";
import { listCommunityOptions } from "@/lib/registry/directory";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { localParts } from "@/lib/time/zone";
import { journalAction, postActualsAction, reverseAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("finance"))("journalTitle") };
}

/** The ledger: latest entries (automatic and manual), manual adjustments, reversals, and posting income now. */
export default async function JournalPage({ searchParams }: { searchParams: Promise<{ source?: string }> }) {
  const user = await requireUser(FINANCE_EDIT_ROLES);
  const wanted = (await searchParams).source;
  const source = ENTRY_SOURCES.find((x) => x === wanted);
  const t = await getTranslations("finance");
  const locale = (await getLocale()) as Locale;
  const db = getDb();
  const today = localParts(new Date(), user.timeZone).date;
  await ensureCategories(db, user.companyId);
  const [categories, communities, entries, unposted] = await Promise.all([
    listCategories(db, user.companyId),
    listCommunityOptions(db, user.companyId),
    recentEntries(db, user.companyId, "all", 100, source),
    unpostedItems(db, user.companyId),
  ]);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("journalTitle")}
        subtitle={t("journal.intro")}
        actions={<PostNowButton postActualsAction={postActualsAction} />}
      />
      <p className="text-sm text-slate-700" data-testid="journal-unposted">
        {t("journal.unposted", {
          payments: unposted.payments.count,
          refunds: unposted.refunds.count,
          contract: unposted.contract.count,
        })}
      </p>
      <Card title={t("journal.new")}>
        <JournalForm
          journalAction={journalAction}
          today={today}
          communities={communities}
          categories={categories.map((c) => ({
            id: c.id,
            label: `${t(`kind.${c.kind}`)} · ${categoryLabel(t, c.code, c.name)}`,
            user: categoryIsUser(t, c.code),
          }))}
        />
      </Card>
      <Card title={t("journal.entries")} actions={<SourceNav source={source} />}>
        {entries.length === 0 ? (
          <EmptyState>{t("journal.empty")}</EmptyState>
        ) : (
          <EntriesTable entries={entries} today={today} locale={locale} />
        )}
      </Card>
    </div>
  );
}

async function SourceNav({ source }: { source: (typeof ENTRY_SOURCES)[number] | undefined }) {
  const t = await getTranslations("finance");
  return (
    <nav className="flex flex-wrap gap-1 text-xs">
      {[undefined, ...ENTRY_SOURCES].map((x) => (
        <Link
          key={x ?? "all"}
          href={x ? `/staff/finance/journal?source=${x}` : "/staff/finance/journal"}
          aria-current={x === source ? "page" : undefined}
          className={`rounded px-2 py-1 ring-1 ${x === source ? "bg-brand-600 text-white ring-brand-600" : "ring-slate-300"}`}
        >
          {x ? t(`journal.source.${x}`) : t("journal.allSources")}
        </Link>
      ))}
    </nav>
  );
}

async function EntriesTable({
  entries,
  today,
  locale,
}: {
  entries: Awaited<ReturnType<typeof recentEntries>>;
  today: string;
  locale: Locale;
}) {
  const t = await getTranslations("finance");
  return (
    <Table
      head={[
        "#",
        t("journal.colDate"),
        t("journal.colCategory"),
        t("journal.colCommunity"),
        t("journal.colAmount"),
        t("journal.colSource"),
        t("journal.colReason"),
        "",
      ]}
    >
      {entries.map((e) => (
        <tr key={e.id} data-testid={`entry-${e.id}`}>
          <td className="font-mono text-xs">{e.id}</td>
          <td className="whitespace-nowrap">{e.occurredOn}</td>
          <td>
            {t(`kind.${e.kind}`)} ·{" "}
            <span data-user-text={categoryIsUser(t, e.categoryCode) ? "" : undefined}>
              {categoryLabel(t, e.categoryCode, e.categoryName)}
            </span>
          </td>
          <td data-user-text>{e.communityName ?? "—"}</td>
          <td className={`tabular-nums ${e.amountFen < 0 ? "text-red-600" : ""}`}>{formatFen(e.amountFen, locale)}</td>
          <td className="whitespace-nowrap">
            {t(`journal.source.${e.source}`)}
            {e.reversesEntryId ? ` #${e.reversesEntryId}` : ""}
          </td>
          <td className="text-xs">
            <span data-user-text>{e.reason ?? ""}</span>
            {e.actorName ? (
              <span className="text-slate-500">
                {" "}
                · <span data-user-text>{e.actorName}</span>
              </span>
            ) : null}
          </td>
          <td>
            {e.source === "reversal" ? null : e.reversed ? (
              <span className="text-xs text-slate-500">{t("journal.reversed")}</span>
            ) : (
              <ReverseButton reverseAction={reverseAction} entryId={e.id} today={today} />
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
