/**
 * npm run crm:arrears — runs the CRM-EW arrears ladder (lib/crm/arrears/ladder.ts) from the command
 * line for every day of a range, oldest first: the same code the daily cron runs. Use it to
 * catch up after an outage or to replay history (idempotent: days already done write nothing).
 *
 *   npm run crm:arrears                                  every company, today (company time zone)
 *   npm run crm:arrears -- --from 2025-01-01 --to 2026-11-27 --company 1
 *   options: --household <id>  (repeatable: only these households; support use)
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { companies } from "../db/schema";
import { localDate } from "../lib/time/zone";
import { runLadder } from "../lib/crm/arrears/ladder";
import { DEFAULT_DATABASE_URL, openDb } from "../lib/db/client";

const { values } = parseArgs({
  options: {
    from: { type: "string" },
    to: { type: "string" },
    company: { type: "string" },
    household: { type: "string", multiple: true },
    json: { type: "boolean", default: false },
  },
});

const isDate = (s: string | undefined) => s === undefined || /^\d{4}-\d{2}-\d{2}$/.test(s);
if (!isDate(values.from) || !isDate(values.to)) {
  console.error("--from / --to must be YYYY-MM-DD");
  process.exit(2);
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d.toISOString().slice(0, 10) <= to;
    d = new Date(d.getTime() + 86_400_000)
  )
    out.push(d.toISOString().slice(0, 10));
  return out;
}

const { db, client } = openDb(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, process.env.DATABASE_AUTH_TOKEN);
try {
  const list = await db
    .select({ id: companies.id, timeZone: companies.timeZone })
    .from(companies)
    .where(values.company ? eq(companies.id, Number(values.company)) : eq(companies.active, true));
  const only = values.household?.length ? new Set(values.household.map(Number)) : undefined;
  const summary: Record<string, number> = {};
  const started = performance.now();
  for (const c of list) {
    const today = localDate(new Date(), c.timeZone);
    const to = values.to ?? today;
    for (const day of days(values.from ?? to, to)) {
      const r = await runLadder(db, c, day, new Date(), only);
      for (const [k, v] of Object.entries(r)) if (k !== "households") summary[k] = (summary[k] ?? 0) + v;
    }
  }
  const ms = Math.round(performance.now() - started);
  if (values.json) console.log(JSON.stringify({ ...summary, ms }));
  else
    console.log(
      `arrears ladder: ${Object.entries(summary)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")} (${ms} ms)`,
    );
} finally {
  client.close();
}
