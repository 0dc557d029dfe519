import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, type Browser, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import { seriousA11yViolations } from "./axe-scan";
import {
  CJK,
  USER_TEXT_SELECTOR,
  collectPageText,
  routeOfPageFile,
  routePattern,
  systemChinese,
  type PageText,
} from "./page-text";

export * from "@playwright/test";

/**
 * The `test` every spec imports (issue 16): an automatic fixture watches every page of every
 * browser context the test opens (the `page` fixture's and `browser.newContext()`'s) and
 *   - after each navigation (once the page has loaded), on English pages, reads the visible text
 *     in one evaluate and records any Chinese the system wrote (user text aside: see
 *     page-text.ts USER_TEXT_SELECTOR);
 *   - runs axe (WCAG 2.x A/AA incl. 2.2, serious and critical) once per route and viewport
 *     (phone / desktop) per run, shared by the workers: on the page about to be left by
 *     `page.goto`, and on every open page when its context closes (the test's end);
 * and fails the test at its end listing what it found with the URLs.
 */

const ROUTES = listRoutes(fileURLToPath(new URL("../../../app", import.meta.url)));

function listRoutes(appDir: string): string[] {
  const files = fs.readdirSync(appDir, { recursive: true, encoding: "utf8" });
  return files
    .filter((f) => /(^|\/)(page|route)\.tsx?$/.test(f) && !f.split("/").some((s) => s.startsWith("_")))
    .map((f) => routeOfPageFile(`app/${f}`));
}

/** One folder per Playwright run (the config sets E2E_RUN_ID before the workers start): a file per route scanned. */
const RUN_DIR = path.join(os.tmpdir(), `guanjia-e2e-checks-${process.env.E2E_RUN_ID ?? process.pid}`);

function axeClaimFile(key: string): string {
  fs.mkdirSync(path.join(RUN_DIR, "axe"), { recursive: true });
  return path.join(RUN_DIR, "axe", encodeURIComponent(key));
}

/** What the checks cost: one line per check (ms, kind, what) in RUN_DIR/timings.tsv, to weigh them against the suite. */
async function timed<T>(kind: string, what: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    fs.mkdirSync(RUN_DIR, { recursive: true });
    fs.appendFileSync(
      path.join(RUN_DIR, "timings.tsv"),
      `${Math.round(performance.now() - start)}\t${kind}\t${what}\n`,
    );
  }
}

/** Claims the axe scan of `key` for this run; false when another test (any worker) has it. */
function claim(key: string): boolean {
  try {
    fs.closeSync(fs.openSync(axeClaimFile(key), "wx"));
    return true;
  } catch {
    return false;
  }
}

/** Reads the page's text and lists the system-written Chinese on it (nothing on a non-English page). */
export async function systemChineseOn(page: Page): Promise<string[]> {
  const text: PageText = await page.evaluate(collectPageText, { cjk: CJK.source, user: USER_TEXT_SELECTOR });
  return systemChinese(text);
}

class PageChecks {
  readonly problems: string[] = [];
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly testInfo: TestInfo) {}

  private get running() {
    return this.testInfo.status === "passed";
  }

  private track(work: Promise<unknown>) {
    const p = work.catch(() => undefined).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Runs checks without charging the test: its timeout grows by the time they took. */
  async unbilled(work: () => Promise<void>) {
    const start = performance.now();
    try {
      await work();
    } finally {
      const timeout = this.testInfo.timeout; // 0 = none
      if (timeout) this.testInfo.setTimeout(timeout + Math.ceil(performance.now() - start));
    }
  }

  async settled() {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  async checkText(page: Page) {
    if (page.isClosed() || !page.url().startsWith("http")) return;
    for (const text of await timed("text", page.url(), () => systemChineseOn(page))) {
      this.problems.push(`system Chinese on an English page ${page.url()}: "${text}"`);
    }
  }

  async checkAxe(page: Page) {
    if (!this.running || page.isClosed() || !page.url().startsWith("http")) return;
    const width = page.viewportSize()?.width ?? 1280;
    const route = routePattern(new URL(page.url()).pathname, ROUTES);
    const key = `${route} ${width < 768 ? "phone" : "desktop"}`;
    if ((await page.evaluate(() => document.contentType)) !== "text/html" || !claim(key)) return; // a CSV or JSON answer
    try {
      const lines = await timed("axe", key, () => seriousA11yViolations(page));
      for (const line of lines) this.problems.push(`axe ${key} (${page.url()}): ${line}`);
    } catch (error) {
      fs.rmSync(axeClaimFile(key), { force: true }); // the page went away mid-scan: another visit scans it
      if (!page.isClosed()) throw error;
    }
  }

  watchPage(page: Page) {
    page.on("framenavigated", (frame) => {
      if (frame !== page.mainFrame()) return;
      this.track(frame.waitForLoadState("load").then(() => this.checkText(page)));
    });
    const goto = page.goto.bind(page);
    page.goto = async (url, options) => {
      await this.unbilled(async () => {
        await this.settled();
        await this.checkAxe(page).catch(() => undefined);
      });
      return goto(url, options);
    };
  }

  watchContext(context: BrowserContext) {
    for (const page of context.pages()) this.watchPage(page);
    context.on("page", (page) => this.watchPage(page));
    const close = context.close.bind(context);
    context.close = async (options) => {
      if (this.running) {
        await this.unbilled(async () => {
          await this.settled();
          for (const page of context.pages()) {
            await this.checkText(page).catch(() => undefined);
            await this.checkAxe(page).catch(() => undefined);
          }
        });
      }
      return close(options);
    };
  }
}

/** Makes every context `browser` opens during the test watched; undone at the test's end. */
function watchBrowser(browser: Browser, checks: PageChecks): () => void {
  const newContext = browser.newContext;
  browser.newContext = async (options) => {
    const context = await newContext.call(browser, options);
    checks.watchContext(context);
    return context;
  };
  return () => {
    browser.newContext = newContext;
  };
}

export const test = base.extend<{ _pageChecks: void }>({
  _pageChecks: [
    async ({ browser }, provide, testInfo) => {
      const checks = new PageChecks(testInfo);
      const unwatch = watchBrowser(browser, checks);
      try {
        await provide();
      } finally {
        unwatch();
      }
      await checks.settled();
      if (testInfo.status === "passed" && checks.problems.length) {
        throw new Error(`page checks (issue 16):\n${[...new Set(checks.problems)].join("\n")}`);
      }
    },
    { auto: true },
  ],
});
