/**
 * npm run bench:lighthouse — Lighthouse 12 (mobile profile) on the resident pages /home and
 * /bills, signed in as the demo resident. Targets: performance ≥ 90, accessibility ≥ 95,
 * best practices ≥ 95; prints the scores and exits 1 when one is missed.
 *
 * Without LIGHTHOUSE_BASE_URL it starts the production server on a fresh seeded temp database
 * (scripts/e2e-server.sh, port LIGHTHOUSE_PORT or 3399; set E2E_SKIP_BUILD=1 to reuse .next).
 * The session is obtained through the credentials endpoint (csrf → callback) and handed to
 * Lighthouse as a Cookie header (`extraHeaders`) — no browser automation needed.
 * Chromium: $CHROMIUM_PATH, else /usr/bin/chromium.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { signIn, waitForHealth } from "./bench/http";
import { demoLogin } from "./seed/demo-logins";

const TARGETS = { performance: 90, accessibility: 95, "best-practices": 95 } as const;
const PAGES = ["/home", "/bills"];

async function main() {
  let server: ChildProcess | null = null;
  let base = process.env.LIGHTHOUSE_BASE_URL;
  if (!base) {
    const port = process.env.LIGHTHOUSE_PORT || "3399";
    base = `http://127.0.0.1:${port}`;
    console.log(`starting the production server on ${base} (fresh seeded temp database)…`);
    server = spawn("bash", ["scripts/e2e-server.sh"], {
      env: { ...process.env, PORT: port, DATABASE_URL: "", NEXTAUTH_URL: base },
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
    await waitForHealth(base, 15 * 60_000);
  }
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  let failed = false;
  try {
    const resident = demoLogin("resident");
    const cookie = await signIn(base, resident.email, resident.password);
    for (const page of PAGES) {
      // A first visit warms the server (compiled routes, caches) like a real user's second visit.
      await fetch(`${base}${page}`, { headers: { cookie } });
      const result = await lighthouse(
        `${base}${page}`,
        { port: chrome.port, output: "json", logLevel: "error", onlyCategories: Object.keys(TARGETS) },
        { extends: "lighthouse:default", settings: { formFactor: "mobile", extraHeaders: { Cookie: cookie } } },
      );
      if (!result) throw new Error(`lighthouse returned nothing for ${page}`);
      if (result.lhr.finalDisplayedUrl && !result.lhr.finalDisplayedUrl.endsWith(page))
        throw new Error(`${page} redirected to ${result.lhr.finalDisplayedUrl}: not signed in?`);
      const scores = Object.entries(TARGETS).map(([id, target]) => {
        const score = Math.round((result.lhr.categories[id]?.score ?? 0) * 100);
        if (score < target) failed = true;
        return `${id} ${score}${score < target ? ` (< ${target})` : ""}`;
      });
      console.log(`${page.padEnd(8)} ${scores.join(" · ")}`);
    }
  } finally {
    await chrome.kill();
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
  }
  if (failed) {
    console.error("below target");
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
