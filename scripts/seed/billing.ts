/**
 * Billing demo data: fee items and 24 months of bills with a realistic payment history for
 * every household of a seeded company, written in a handful of set-based statements (the
 * 50,000-household bench company takes seconds, not minutes). Deterministic: who pays how
 * follows from the household id. Idempotent: a finished billing seed (audit row
 * "seed.billing") is left alone; an unfinished one is removed and written again.
 *
 * Household profiles (by a hash of the id, out of 100):
 *   0–69  on time: each bill paid between the 1st and the 14th of its month
 *   70–81 late: each bill paid 20–49 days after its due date
 *   82–89 behind: stopped paying 1–11 months ago
 *   90–92 a year or more behind: stopped paying 12–22 months ago
 *   93–96 paid ahead: on time, then three months ago prepaid 3 + (12–24) months (held as credit)
 *   97–99 on time except the latest bill, half paid
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import * as s from "../../db/schema";
import { demoLogin } from "./demo-logins";
import { addMonths } from "../../lib/time/calendar";
import { localDate } from "../../lib/time/zone";

export const BILLING_SEED_ACTION = "seed.billing";
export const SEED_MONTHS = 24;

const BILLING_TABLES = [
  "contract_allocations",
  "contract_payments",
  "contract_bills",
  "unit_billing_periods",
  "fee_item_prices",
  "contracts",
  "contract_customers",
  "checkout_sessions",
  "billing_corrections",
  "credit_entries",
  "allocations",
  "bill_lines",
  "meter_readings",
  "bills",
  "payments",
  "receipt_counters",
  "fee_items",
  "billing_settings",
] as const;

export interface BillingSeedResult {
  status: "created" | "exists";
  bills: number;
  payments: number;
  ms: number;
}
/** Profile of a household: 0–99 from a multiplicative hash of its id. */
const cat = (h: string) => sql.raw(`((${h} * 2654435761) % 100)`);

/** What the seed needs inside its statements. */
interface BillingSql {
  companyId: number;
  /** per(idx, period, due, at): the seeded months. */
  per: SQL;
  /** Each household's monthly fee lines. */
  src: SQL;
  /** Households that owe their last three bills. */
  owing: SQL;
  cashier: number | null;
  nowMs: number;
  current: string;
}

function feeSource(companyId: number) {
  return sql`
    select hu.household_id, fi.id as fee_item_id, u.id as unit_id,
           case fi.kind when 'per_area' then u.area_centi_m2 else 1 end as qty, fi.price_fen as price,
           case fi.kind when 'per_area' then (fi.price_fen * u.area_centi_m2 + 50) / 100 else fi.price_fen end as amount
      from household_units hu
      join households h on h.id = hu.household_id and h.active = 1
      join units u on u.id = hu.unit_id
      join fee_items fi on fi.company_id = ${companyId} and fi.active = 1
       and ((fi.kind = 'per_area' and u.type in ('residential', 'commercial')) or (fi.kind = 'per_parking' and u.type = 'parking'))
     where hu.company_id = ${companyId}
    union all
    select h.id, fi.id, null, 1, fi.price_fen, fi.price_fen
      from households h join fee_items fi on fi.company_id = ${companyId} and fi.active = 1 and fi.kind = 'per_household'
     where h.company_id = ${companyId} and h.active = 1 and exists (select 1 from household_units hu where hu.household_id = h.id)`;
}

function billStatements({ companyId, per, src }: BillingSql) {
  return [
    // 24 months of bills
    sql`with ${per}, src as (${src}), tot as (select household_id, sum(amount) as total from src group by household_id having sum(amount) > 0)
        insert into bills (company_id, household_id, period, due_date, lines_fen, adjustment_fen, allocated_fen, voided, created_at)
        select ${companyId}, tot.household_id, per.period, per.due, tot.total, 0, 0, 0, per.at from tot cross join per where true
        on conflict (household_id, period) where kind = 'monthly' do nothing`,
    sql`with src as (${src})
        insert into bill_lines (company_id, bill_id, fee_item_id, unit_id, quantity, price_fen, amount_fen)
        select ${companyId}, b.id, src.fee_item_id, src.unit_id, src.qty, src.price, src.amount
          from bills b join src on src.household_id = b.household_id
         where b.company_id = ${companyId}`,
  ];
}

function paymentStatement({ companyId, per, owing, cashier, nowMs }: BillingSql) {
  return (
    // One payment per paid bill (and one prepayment per paid-ahead household), numbered per year without gaps
    sql`with ${per}, plan as (
          select b.id as bill_id, b.household_id as hid, per.idx as idx, b.lines_fen as lines, ${cat("b.household_id")} as cat,
                 cast(strftime('%s', b.due_date) as integer) * 1000 as due_ms, per.at as at
            from bills b join per on per.period = b.period
           where b.company_id = ${companyId}),
        dated as (
          select bill_id, hid, idx, 'seed:' || bill_id as k,
                 case when cat >= 97 and idx = ${SEED_MONTHS - 1} then lines / 2 else lines end as amount,
                 case
                   when hid in (${owing}) and idx >= ${SEED_MONTHS - 3} then null
                   when cat < 70 or cat >= 93 then at + (((hid * 31 + idx * 17) % 14) * 86400000) + 30600000 + ((hid * 7 + idx * 13) % 540) * 60000
                   when cat < 82 then due_ms + ((20 + (hid + idx) % 30) * 86400000) + 30600000 + ((hid * 11 + idx) % 540) * 60000
                   when cat < 90 and idx < ${SEED_MONTHS} - 1 - (hid % 11) then at + 5 * 86400000 + 36000000
                   when cat < 93 and idx < ${SEED_MONTHS} - 12 - (hid % 11) then at + 8 * 86400000 + 36000000
                   else null end as pay_ms
            from plan
           where not (cat between 93 and 96 and idx >= ${SEED_MONTHS - 3} and hid not in (${owing}))
          union all
          select null, hid, idx, 'seed-ahead:' || hid, lines * (15 + hid % 13), at + 20 * 86400000 + 36000000
            from plan where cat between 93 and 96 and idx = ${SEED_MONTHS - 4} and hid not in (${owing})),
        due as (select * from dated where pay_ms is not null and pay_ms <= ${nowMs} and amount > 0)
        insert into payments (company_id, household_id, method, amount_fen, receipt_no, idempotency_key, provider, provider_ref, actor_user_id, note, received_at, created_at)
        select ${companyId}, hid,
               case (hid + idx) % 10 when 0 then 'cash' when 1 then 'transfer' when 2 then 'pos' when 3 then 'alipay' when 4 then 'wechat' when 5 then 'wechat' else 'online' end,
               amount,
               strftime('%Y', pay_ms / 1000, 'unixepoch', '+8 hours') || '-' ||
                 printf('%06d', row_number() over (partition by strftime('%Y', pay_ms / 1000, 'unixepoch', '+8 hours') order by pay_ms, k)),
               k,
               case when (hid + idx) % 10 >= 6 then 'sandbox' end, null,
               case when (hid + idx) % 10 >= 6 then null else ${cashier} end, null, pay_ms, pay_ms
          from due where true order by pay_ms, k`
  );
}

function ledgerStatements({ companyId }: BillingSql) {
  return [
    sql`insert into receipt_counters (company_id, year, last)
        select ${companyId}, cast(substr(receipt_no, 1, 4) as integer), max(cast(substr(receipt_no, 6) as integer))
          from payments where company_id = ${companyId} group by substr(receipt_no, 1, 4)`,
    // Bill payments allocate to their bill; prepayments become credit, which pays the last three bills.
    sql`insert into allocations (company_id, bill_id, payment_id, amount_fen, created_at)
        select ${companyId}, cast(substr(p.idempotency_key, 6) as integer), p.id, p.amount_fen, p.received_at
          from payments p where p.company_id = ${companyId} and p.idempotency_key like 'seed:%'`,
    sql`insert into credit_entries (company_id, household_id, kind, amount_fen, payment_id, bill_id, created_at)
        select ${companyId}, p.household_id, 'payment', p.amount_fen, p.id, null, p.received_at
          from payments p where p.company_id = ${companyId} and p.idempotency_key like 'seed-ahead:%'`,
    sql`insert into allocations (company_id, bill_id, payment_id, amount_fen, created_at)
        select ${companyId}, b.id, null, b.lines_fen, b.created_at
          from bills b join credit_entries c on c.household_id = b.household_id and c.company_id = ${companyId} and c.kind = 'payment'
         where b.company_id = ${companyId} and b.created_at > c.created_at`,
    sql`insert into credit_entries (company_id, household_id, kind, amount_fen, payment_id, bill_id, created_at)
        select ${companyId}, b.household_id, 'applied', -a.amount_fen, null, a.bill_id, a.created_at
          from allocations a join bills b on b.id = a.bill_id where a.company_id = ${companyId} and a.payment_id is null`,
    sql`update bills set allocated_fen = (select coalesce(sum(a.amount_fen), 0) from allocations a where a.bill_id = bills.id)
         where company_id = ${companyId} and exists (select 1 from allocations a where a.bill_id = bills.id)`,
  ];
}

function sideStatements({ companyId, cashier, nowMs, current }: BillingSql) {
  return [
    // This month's meter readings of a dozen homes (their baselines): next month's sheet shows them as previous readings.
    sql`insert into meter_readings (company_id, unit_id, fee_item_id, period, reading_centi, previous_centi, actor_user_id, created_at)
        select ${companyId}, u.id, fi.id, ${current}, r.v, r.v, ${cashier}, ${nowMs}
          from (select id from units where company_id = ${companyId} and type = 'residential' order by id limit 12) u
          join fee_items fi on fi.company_id = ${companyId} and fi.kind = 'metered'
          join (select id as uid, ((id * 37) % 900 + 100) * 100 as v from units where company_id = ${companyId}) r on r.uid = u.id
         where true
        on conflict (unit_id, fee_item_id, period) where status = 'approved' do nothing`,
    // 抄表 (issue 19 point 5): the phone rounds of the last two months on the company's last building (photos are
    // not seeded): this month's round there shows previous readings and usual consumptions, still to be read.
    ...[2, 1].map(
      (back) =>
        sql`insert into meter_readings (company_id, unit_id, fee_item_id, period, reading_centi, previous_centi, actor_user_id, source, status, created_at)
        select ${companyId}, u.id, fi.id, ${addMonths(current, -back)}, r.v - ${back} * r.used, r.v - ${back} * r.used - ${back === 1 ? sql`r.used` : sql`0`}, ${cashier}, 'staff', 'approved', ${nowMs}
          from units u
          join fee_items fi on fi.company_id = ${companyId} and fi.kind = 'metered'
          join (select id as uid, ((id * 37) % 900 + 100) * 100 as v, ((id * 13) % 20 + 5) * 100 as used from units where company_id = ${companyId}) r on r.uid = u.id
         where u.company_id = ${companyId} and u.type = 'residential'
           and u.building_id = (select max(id) from buildings where company_id = ${companyId})
           and u.id not in (select id from units where company_id = ${companyId} and type = 'residential' order by id limit 12)
        on conflict (unit_id, fee_item_id, period) where status = 'approved' do nothing`,
    ),
    // 多种经营: three contract customers of the first community, billed for the last three months (unpaid).
    sql`insert into contract_customers (company_id, name, contact, phone, active, created_at) values
          (${companyId}, '华联传媒广告有限公司', '王经理', '13800001111', 1, ${nowMs}),
          (${companyId}, '鲜丰水果连锁', '李女士', '13900002222', 1, ${nowMs}),
          (${companyId}, '智能快递柜运营公司', '赵先生', '13700003333', 1, ${nowMs})`,
    sql`insert into contracts (company_id, customer_id, community_id, description, monthly_fen, start_month, end_month, created_at)
        select ${companyId}, cc.id, (select id from communities where company_id = ${companyId} order by id limit 1),
               case cc.contact when '王经理' then '电梯广告位 12 块' when '李女士' then '小区广场摊位租赁' else '快递柜场地租赁' end,
               case cc.contact when '王经理' then 360000 when '李女士' then 150000 else 80000 end,
               ${addMonths(current, -2)}, ${addMonths(current, 9)}, ${nowMs}
          from contract_customers cc
         where cc.company_id = ${companyId} and exists (select 1 from communities where company_id = ${companyId})`,
    sql`with cper(period, due, at) as (values ${sql.join(
      [-2, -1, 0].map((i) => {
        const p = addMonths(current, i);
        return sql`(${p}, ${`${p}-15`}, ${Date.parse(`${p}-01T00:00:00+08:00`)})`;
      }),
      sql`, `,
    )})
        insert into contract_bills (company_id, contract_id, customer_id, period, due_date, amount_fen, allocated_fen, created_at)
        select ${companyId}, c.id, c.customer_id, cper.period, cper.due, c.monthly_fen, 0, cper.at
          from contracts c cross join cper
         where c.company_id = ${companyId}
        on conflict (contract_id, period) do nothing`,
  ];
}

const STATEMENT_LABELS = [
  "bills",
  "bill lines",
  "payments",
  "receipt counters",
  "allocations",
  "prepayment credit",
  "credit → bills",
  "credit applied",
  "bill totals",
  "meter readings",
  "meter round −2",
  "meter round −1",
  "contract customers",
  "contracts",
  "contract bills",
];

/** The finance login (cashier of the seeded payments) and the demo resident's households, who owe. */
async function loadPayers(db: Db, companyId: number) {
  const [finance] = await db
    .select({ id: s.memberships.userId })
    .from(s.memberships)
    .where(and(eq(s.memberships.companyId, companyId), eq(s.memberships.role, "finance")))
    .limit(1);
  const cashier = finance?.id ?? null;
  // The demo resident's households owe their last three bills, so the resident portal has something to pay.
  const demoHomes = await db
    .select({ id: s.residentLinks.householdId })
    .from(s.residentLinks)
    .innerJoin(s.users, eq(s.users.id, s.residentLinks.userId))
    .where(and(eq(s.residentLinks.companyId, companyId), eq(s.users.email, demoLogin("resident").email)));
  const owing = sql.join(
    [-1, ...demoHomes.map((h) => h.id)].map((id) => sql`${id}`),
    sql`, `,
  );
  return { cashier, owing };
}

async function resetBillingTables(db: Db, companyId: number, now: Date) {
  await db.batch([
    db.run(sql`PRAGMA defer_foreign_keys = ON`),
    ...BILLING_TABLES.map((name) => db.run(sql`delete from ${sql.identifier(name)} where company_id = ${companyId}`)),
    db.insert(s.billingSettings).values({ companyId, billingDay: 1, dueDay: 15, rounding: "fen" }),
    db.insert(s.feeItems).values([
      { companyId, name: "物业管理费", kind: "per_area", priceFen: 250, createdAt: now },
      { companyId, name: "停车管理费", kind: "per_parking", priceFen: 15000, createdAt: now },
      { companyId, name: "生活垃圾处理费", kind: "per_household", priceFen: 1000, createdAt: now },
      { companyId, name: "上门保洁（增值服务）", kind: "one_off", priceFen: 8000, createdAt: now },
      { companyId, name: "水费", kind: "metered", priceFen: 365, createdAt: now },
      { companyId, name: "电费", kind: "metered", priceFen: 58, createdAt: now },
    ]),
  ]);
}

/** One transaction: a crash leaves no half-written history (and no audit marker). */
async function writeHistory(db: Db, b: BillingSql, statements: SQL[], step: (label: string) => void, now: Date) {
  const { companyId, current } = b;
  await db.transaction(async (tx) => {
    for (const [i, stmt] of statements.entries()) {
      await tx.run(stmt);
      step(STATEMENT_LABELS[i]);
    }
    await tx.insert(s.auditLog).values({
      companyId,
      actorUserId: null,
      action: BILLING_SEED_ACTION,
      entity: "company",
      entityId: String(companyId),
      after: { months: SEED_MONTHS, through: current },
      createdAt: now,
    });
  });
}

async function countBilling(db: Db, companyId: number) {
  const [bills] = await db
    .select({ n: sql<number>`count(*)` })
    .from(s.bills)
    .where(eq(s.bills.companyId, companyId));
  const [payments] = await db
    .select({ n: sql<number>`count(*)` })
    .from(s.payments)
    .where(eq(s.payments.companyId, companyId));
  return { bills: Number(bills.n), payments: Number(payments.n) };
}

export async function seedBilling(
  db: Db,
  companyId: number,
  opts: { now?: Date; log?: (line: string) => void } = {},
): Promise<BillingSeedResult> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const [done] = await db
    .select({ id: s.auditLog.id })
    .from(s.auditLog)
    .where(and(eq(s.auditLog.companyId, companyId), eq(s.auditLog.action, BILLING_SEED_ACTION)))
    .limit(1);
  if (done) {
    log(`billing of company ${companyId} is already seeded; nothing to do`);
    return { status: "exists", bills: 0, payments: 0, ms: performance.now() - started };
  }
  const now = opts.now ?? new Date();
  const nowMs = now.getTime();
  const current = localDate(now, "Asia/Shanghai").slice(0, 7);
  const periods = Array.from({ length: SEED_MONTHS }, (_, i) => addMonths(current, i - SEED_MONTHS + 1));
  const values = sql.join(
    periods.map((p, i) => sql`(${i}, ${p}, ${`${p}-15`}, ${Date.parse(`${p}-01T00:00:00+08:00`)})`),
    sql`, `,
  );
  const per = sql`per(idx, period, due, at) as (values ${values})`;
  const t = () => performance.now();
  let mark = t();
  const step = (label: string) => {
    log(`  billing ${label.padEnd(24)} ${Math.round(t() - mark)} ms`);
    mark = t();
  };

  const { cashier, owing } = await loadPayers(db, companyId);
  await resetBillingTables(db, companyId, now);
  step("fee items");

  const b: BillingSql = { companyId, per, src: feeSource(companyId), owing, cashier, nowMs, current };
  const statements = [...billStatements(b), paymentStatement(b), ...ledgerStatements(b), ...sideStatements(b)];
  // A bigger page cache for this connection: the bench company's million-row indexes are
  // written in random order, and the default 2 MB cache makes that several times slower.
  await db.run(sql`PRAGMA cache_size = -262144`).catch(() => {});
  await writeHistory(db, b, statements, step, now);
  const { bills, payments } = await countBilling(db, companyId);
  return { status: "created", bills, payments, ms: performance.now() - started };
}
