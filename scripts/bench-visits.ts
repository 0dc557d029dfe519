/**
 * npm run bench:visits — visit sampling and the quarterly survey on the 50,000-household
 * benchmark company (registry only), on a fresh embedded database in a temp folder.
 * Times the sampling job on the 1st of three consecutive months (target ≤ 10 s each), a
 * repeat run (writes nothing), the survey send, and the coverage report.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { seedDemo } from "./seed/index";
import { runQuarterlySurvey } from "../lib/crm/surveys/send";
import { coverageReport } from "../lib/crm/visits/coverage";
import { runVisitSampling } from "../lib/crm/visits/sampling";
import { openDb } from "../lib/db/client";
import { migrateDb } from "../lib/db/migrate";

const { values } = parseArgs({ options: { households: { type: "string", default: "50000" } } });
const households = Number(values.households.replace(/[_,]/g, ""));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-bench-visits-"));
const handle = openDb(`file:${path.join(dir, "bench.db")}`);
const { db } = handle;
const time = async <T>(label: string, fn: () => Promise<T>, target?: number) => {
  const t = performance.now();
  const result = await fn();
  const s = (performance.now() - t) / 1000;
  console.log(
    `${label.padEnd(44)} ${s.toFixed(3).padStart(8)} s${target ? `   (target ≤ ${target} s: ${s <= target ? "ok" : "MISSED"})` : ""}   ${JSON.stringify(result).slice(0, 120)}`,
  );
  return result;
};
try {
  await migrateDb(db);
  const seeded = await time(
    `seed registry (${households.toLocaleString("en-US")} households)`,
    async () => (await seedDemo(db, { profile: "bench", households })).companyId,
  );
  const company = { id: seeded, timeZone: "Asia/Shanghai" };
  const now = new Date();
  for (const date of ["2026-10-01", "2026-11-01", "2026-12-01"])
    await time(`visit sampling ${date}`, () => runVisitSampling(db, company, date, now), 10);
  await time("visit sampling 2026-12-01 again", () => runVisitSampling(db, company, "2026-12-01", now), 10);
  await time("visit sampling 2026-12-02 (not the 1st)", () => runVisitSampling(db, company, "2026-12-02", now), 10);
  await time("quarterly survey 2026-10-01", () => runQuarterlySurvey(db, company, "2026-10-01", now), 10);
  await time("quarterly survey 2026-10-02", () => runQuarterlySurvey(db, company, "2026-10-02", now), 10);
  await time(
    "coverage report 2026Q4 (whole company)",
    async () => (await coverageReport(db, seeded, "2026Q4", { kind: "all" })).total,
    2,
  );
} finally {
  handle.client.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
