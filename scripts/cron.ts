/**
 * npm run cron — the daily jobs of SPEC §10 from the command line, with the same code as
 * GET /api/cron (lib/cron/run.ts), on DATABASE_URL (default: the embedded file).
 *
 *   npm run cron                                          today, in each company's time zone
 *   npm run cron -- --as-of 2026-03-01                    one date
 *   npm run cron -- --as-of 2026-03-01 --until 2026-06-30 every date of a range, in order
 *   options: --company <id> (repeatable)  --force (re-run date-bound jobs already done)  --json  --quiet
 *   npm run cron -- --tick                                the minute tick once (GET /api/cron/tick)
 *   npm run cron -- --release-lease [daily|tick]          frees a stuck lease (default: both). Only
 *       needed when a run must restart at once: a crashed run's lease is taken over by itself
 *       within a minute (it stops heartbeating).
 *
 * Exit code: 0 ok, 1 a job failed, 3 another run holds the lease.
 */
import { parseArgs } from "node:util";
import { DEFAULT_DATABASE_URL, openDb } from "../lib/db/client";
import { parseAsOf } from "../lib/cron/auth";
import { releaseLease } from "../lib/jobs/lease";
import { runDaily, LEASE_NAME, type RunSummary } from "../lib/cron/run";
import { runTick, TICK_LEASE } from "../lib/cron/tick";

const { values, positionals } = parseArgs({
  options: {
    "as-of": { type: "string" },
    until: { type: "string" },
    company: { type: "string", multiple: true },
    force: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    tick: { type: "boolean", default: false },
    "release-lease": { type: "boolean", default: false },
  },
  allowPositionals: true,
});

const from = parseAsOf(values["as-of"] ?? null);
const until = parseAsOf(values.until ?? null);
if (from === "invalid" || until === "invalid" || (until && !from)) {
  console.error("--as-of and --until take dates YYYY-MM-DD (--until needs --as-of)");
  process.exit(2);
}
const companyIds = values.company?.map(Number);

function* dates(a: string, b: string) {
  for (let d = new Date(`${a}T00:00:00Z`); d.toISOString().slice(0, 10) <= b; d.setUTCDate(d.getUTCDate() + 1))
    yield d.toISOString().slice(0, 10);
}

function line(s: RunSummary, label: string) {
  if (s.status === "busy") return `${label}: busy (lease held until ${s.until})`;
  const parts = Object.entries(s.totals).map(([job, t]) => {
    const counts = Object.entries(t)
      .filter(([k, v]) => !["done", "skipped", "failed"].includes(k) && v)
      .map(([k, v]) => `${k}=${v}`);
    const tag = t.failed ? " FAILED" : t.done ? "" : " (skipped)";
    return `${job}${tag}${counts.length ? ` ${counts.join(" ")}` : ""}`;
  });
  return `${label}: ${s.status} in ${s.durationMs} ms · ${parts.join(" · ")}`;
}

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const handle = openDb(url, process.env.DATABASE_AUTH_TOKEN);
let exit = 0;
try {
  if (values["release-lease"]) {
    for (const name of positionals.length ? positionals : [LEASE_NAME, TICK_LEASE])
      console.log(`lease ${name}: ${(await releaseLease(handle.db, name)) ? "released" : "was free"}`);
  } else if (values.tick) {
    const s = await runTick(handle.db, { companyIds });
    if (values.json || s.status === "busy") console.log(JSON.stringify(s));
    else if (!values.quiet || s.status !== "ok")
      console.log(
        `tick: ${s.status} in ${s.durationMs} ms · ${Object.entries(s.jobs)
          .map(
            ([j, o]) =>
              `${j} ${
                o.status === "done"
                  ? Object.entries(o.counts)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(" ")
                  : o.status
              }`,
          )
          .join(" · ")}`,
      );
    exit = s.status === "busy" ? 3 : s.status === "ok" ? 0 : 1;
  } else await daily();
} finally {
  handle.client.close();
}
process.exit(exit);

async function daily() {
  const days = from ? [...dates(from, until ?? from)] : [undefined];
  for (const asOf of days) {
    const s = await runDaily(handle.db, { asOf, companyIds, force: values.force });
    if (values.json) console.log(JSON.stringify(s));
    else if (!values.quiet || s.status !== "ok") console.log(line(s, asOf ?? "today"));
    if (s.status === "busy") {
      exit = 3;
      break;
    }
    if (s.status !== "ok") exit = 1;
  }
}
