/**
 * The pure parts of the page checks every e2e test runs (tests/e2e/support/test.ts): which
 * visible text on an English page is system-written Chinese, and which route a URL belongs to.
 * No Playwright here, so the unit tests (tests/unit/e2e-page-text.test.ts) can reach it.
 */

/** Chinese characters and the CJK / full-width punctuation ("、", "，", "：", "（"…) English text must not use. */
export const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * What people typed or named (names, addresses, unit numbers, free text), or text declared
 * Chinese on purpose (the language switch's "中文"): excluded from the check. Mark such
 * elements in the markup with `data-user-text` (or `translate="no"`, `lang="zh-CN"`).
 */
export const USER_TEXT_SELECTOR = "[data-user-text], [translate='no'], [lang^='zh']";

/** A piece of visible text on the page; `user` = inside an element matching USER_TEXT_SELECTOR. */
export interface TextFragment {
  text: string;
  user: boolean;
}

/** The page as the in-browser collector saw it. */
export interface PageText {
  lang: string;
  fragments: TextFragment[];
}

/**
 * Runs IN THE BROWSER (page.evaluate): the page's language and every visible text node and
 * placeholder containing a CJK character, flagged when it is user text. Self-contained: no
 * closures, the pattern and selector come as arguments.
 */
export function collectPageText(arg: { cjk: string; user: string }): PageText {
  const cjk = new RegExp(arg.cjk);
  const fragments: TextFragment[] = [];
  const lang = document.documentElement.lang || "";
  if (!lang.startsWith("en")) return { lang, fragments };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = (n.textContent ?? "").trim();
    const parent = n.parentElement;
    if (!text || !parent || !cjk.test(text)) continue;
    if (parent.closest("script, style, noscript, template, [hidden], [aria-hidden='true']")) continue;
    if (parent.tagName !== "OPTION" && !parent.checkVisibility({ visibilityProperty: true })) continue;
    fragments.push({ text, user: parent.closest(arg.user) !== null });
  }
  for (const el of document.querySelectorAll<HTMLElement>("[placeholder]")) {
    const text = el.getAttribute("placeholder") ?? "";
    if (cjk.test(text) && el.checkVisibility()) fragments.push({ text, user: el.closest(arg.user) !== null });
  }
  return { lang, fragments };
}

/** The system-written Chinese on an English page (user text left out), each at most 80 characters, once. */
export function systemChinese(page: PageText): string[] {
  if (!page.lang.startsWith("en")) return [];
  const out = new Set<string>();
  for (const f of page.fragments) {
    if (!f.user && CJK.test(f.text)) out.add(f.text.replace(/\s+/g, " ").slice(0, 80));
  }
  return [...out];
}

/** The route of a page file under app/ ("app/(staff)/staff/(tickets)/orders/[id]/page.tsx" → "/staff/orders/[id]"). */
export function routeOfPageFile(file: string): string {
  const segments = file
    .replace(/^app\//, "")
    .split("/")
    .slice(0, -1)
    .filter((s) => !(s.startsWith("(") && s.endsWith(")")) && !s.startsWith("@"));
  return `/${segments.join("/")}`;
}

function isDynamic(segment: string) {
  return segment.startsWith("[") && segment.endsWith("]");
}

/**
 * The route a pathname belongs to among `routes` ("/staff/orders/123" → "/staff/orders/[id]"):
 * among routes with as many segments (or a catch-all), the one with the most literal matches;
 * the pathname itself when none fits.
 */
export function routePattern(pathname: string, routes: readonly string[]): string {
  const parts = pathname.split("/").filter(Boolean);
  let best: { route: string; score: number } | null = null;
  for (const route of routes) {
    const segs = route.split("/").filter(Boolean);
    const catchAll = segs.length > 0 && segs[segs.length - 1].startsWith("[...");
    const optional = segs.length > 0 && segs[segs.length - 1].startsWith("[[...");
    const fixed = catchAll || optional ? segs.slice(0, -1) : segs;
    if (
      catchAll ? parts.length <= fixed.length : optional ? parts.length < fixed.length : parts.length !== segs.length
    ) {
      continue;
    }
    let score = 0;
    let fits = true;
    fixed.forEach((s, i) => {
      if (s === parts[i]) score += 1;
      else if (!isDynamic(s)) fits = false;
    });
    if (fits && (!best || score > best.score)) best = { route, score };
  }
  return best?.route ?? pathname;
}
