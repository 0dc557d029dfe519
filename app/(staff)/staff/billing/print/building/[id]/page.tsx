import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PrintButton } from "@/components/billing/print-button";
import { Statement } from "@/components/billing/statement";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import { buildingStatementHouseholds } from "@/lib/billing/queries/bills";
import { statementAccounts } from "@/lib/billing/queries/statements";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { getBuilding } from "@/lib/registry/directory";
import { localDate } from "@/lib/time/zone";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.print"))("statement") };
}

/** Households per streamed chunk (four set-based queries each): the page shows progress between chunks. */
const CHUNK = 25;

interface Batch {
  companyId: number;
  companyName: string;
  buildingName: string;
  today: string;
  everyone: boolean;
  list: Awaited<ReturnType<typeof buildingStatementHouseholds>>;
}

/**
 * Batch print (打单) for one building: one A4 statement per household that owes (or every
 * household with ?all=1), a page each. A large building takes seconds, so the statements stream
 * in chunks of 25 (set-based: four queries a chunk) with a progress bar, and the page says when everything is ready to print.
 */
export default async function BuildingStatementsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ all?: string }>;
}) {
  const user = await requireUser(BILLING_ROLES);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const db = getDb();
  const building = await getBuilding(db, user.companyId, Number(id));
  if (!building) notFound();
  const batch: Batch = {
    companyId: user.companyId,
    companyName: user.companyName,
    buildingName: building.name,
    today: localDate(new Date(), user.timeZone),
    everyone: (await searchParams).all === "1",
    list: await buildingStatementHouseholds(db, user.companyId, building.id),
  };
  const t = await getTranslations("billing.print");
  return (
    <div className="space-y-4">
      <div className="no-print flex items-center justify-between">
        <h1 className="text-lg font-semibold" data-user-text>
          {building.name}
        </h1>
        <PrintButton />
      </div>
      <p className="no-print text-sm text-slate-600">{t("batchHint", { total: batch.list.length })}</p>
      <Suspense fallback={<BatchProgress done={0} total={batch.list.length} />}>
        <StatementChunk batch={batch} from={0} printed={0} />
      </Suspense>
    </div>
  );
}

/** One chunk of statements, then the next chunk behind its own progress fallback (or the "ready" line). */
async function StatementChunk({ batch, from, printed }: { batch: Batch; from: number; printed: number }) {
  const db = getDb();
  const locale = (await getLocale()) as Locale;
  const slice = batch.list.slice(from, from + CHUNK);
  const unitOf = new Map(slice.map((h) => [h.id, h.unitNumber]));
  const loaded = await statementAccounts(
    db,
    batch.companyId,
    slice.map((h) => h.id),
    batch.today,
  );
  // By default only the households that owe something (催缴); ?all=1 prints every household.
  const accounts = loaded
    .filter((account) => batch.everyone || account.outstandingFen > 0)
    .map((account) => ({ account, unit: unitOf.get(account.id) ?? "" }));
  const next = from + CHUNK;
  const count = printed + accounts.length;
  return (
    <>
      {accounts.map(({ account, unit }) => (
        <Statement
          key={account.id}
          account={account}
          unitLabel={`${batch.buildingName} ${unit}`}
          companyName={batch.companyName}
          locale={locale}
          today={batch.today}
        />
      ))}
      {next < batch.list.length ? (
        <Suspense fallback={<BatchProgress done={next} total={batch.list.length} />}>
          <StatementChunk batch={batch} from={next} printed={count} />
        </Suspense>
      ) : (
        <BatchReady count={count} />
      )}
    </>
  );
}

async function BatchProgress({ done, total }: { done: number; total: number }) {
  const t = await getTranslations("billing.print");
  const percent = total ? Math.round((done / total) * 100) : 0;
  return (
    <div className="no-print rounded-md bg-white p-4 ring-1 ring-slate-200" data-testid="batch-progress">
      <p className="mb-2 text-sm text-slate-700">{t("batchProgress", { done, total })}</p>
      <div
        role="progressbar"
        aria-label={t("batchProgressLabel")}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        className="h-2 rounded bg-slate-100"
      >
        <div className="h-2 rounded bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

async function BatchReady({ count }: { count: number }) {
  const t = await getTranslations("billing.print");
  return (
    <p
      role="status"
      className="no-print rounded-md bg-emerald-50 p-3 text-sm text-emerald-800 ring-1 ring-emerald-200"
      data-testid="batch-ready"
    >
      {count ? t("batchReady", { count }) : t("batchNone")}
    </p>
  );
}
