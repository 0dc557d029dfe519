/**
 * Counts the SQL statements each page costs, one request at a time, against a running server
 * started with the query log (scripts/query-log.mjs):
 *
 *   NODE_OPTIONS="--import ./scripts/query-log.mjs" QUERY_LOG=/tmp/q.log PORT=3319 npm start
 *   BASE_URL=http://127.0.0.1:3319 QUERY_LOG=/tmp/q.log npx tsx scripts/count-page-queries.ts
 *
 * Signs in as demo users (db/seed/demo-logins.ts) in headless Chromium, then fetches each page's
 * full HTML (streamed sections included) with the session cookie three times; prints the fewest
 * statements per page (a background job may run in between).
 * QUERY_DUMP=1 also prints the statements.
 */
import fs from "node:fs";
import { chromium } from "playwright-core";
import { DEMO_LOGINS } from "./seed/demo-logins";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3319";
const log = process.env.QUERY_LOG ?? "/tmp/q.log";
const ONLY = process.env.PAGES?.split(",");
const PAGES: Record<string, string[]> = {
  admin: ["/staff", "/staff/crm", "/staff/billing/reports", "/staff/registry/households/1", "/staff/approvals"],
  butler: ["/staff", "/staff/crm", "/staff/registrations"],
  finance: ["/staff/billing/reports"],
  resident: ["/home", "/bills"],
};

const lines = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean) : []);

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  for (const [role, pages] of Object.entries(PAGES)) {
    const login = DEMO_LOGINS.find((l) => l.role === role)!;
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.locator("input[name=identifier], input[type=email], input[name=email]").first().fill(login.email);
    await page.locator("input[type=password]").first().fill(login.password);
    await page.locator("form button[type=submit]").first().click();
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    for (const path of pages.filter((p) => !ONLY || ONLY.includes(p))) {
      await context.request.get(path); // warm up (first-render caches)
      // The minimum of three requests: a background job (the minute tick) may write in between.
      let best: string[] | null = null;
      let status = 0;
      for (let i = 0; i < 3; i++) {
        const before = lines().length;
        const res = await context.request.get(path);
        await res.body();
        status = res.status();
        const got = lines().slice(before);
        if (!best || got.length < best.length) best = got;
      }
      console.log(`${role.padEnd(9)} ${path.padEnd(34)} ${String(status).padEnd(4)} ${best!.length} statements`);
      if (process.env.QUERY_DUMP) for (const l of best!) console.log(`    ${l}`);
    }
    await context.close();
  }
  await browser.close();
}
main().then(() => process.exit(0));
