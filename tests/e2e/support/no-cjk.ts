import { expect, type Locator, type Page } from "@playwright/test";

/**
 * On an English page, no text the system wrote may be Chinese (issue 16): everything visible
 * under `root` is checked except what people typed or named — elements marked `data-user-text`
 * (names, addresses, descriptions, notes) and anything declared Chinese with `lang="zh…"`.
 * Fails listing the offending text fragments.
 */
export async function expectNoSystemChinese(target: Page | Locator, label?: string): Promise<void> {
  const root = "locator" in target && "goto" in target ? target.locator("body") : target;
  const fragments = await root.evaluate((el) => {
    const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
    const out: string[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest("script, style, noscript, [data-user-text], [lang^='zh']")) continue;
      if (parent.closest("[hidden], [aria-hidden='true']")) continue;
      const text = (n.textContent ?? "").trim();
      if (text && cjk.test(text)) out.push(text.slice(0, 80));
    }
    return out;
  });
  expect(fragments, `system-written Chinese on an English page${label ? ` (${label})` : ""}`).toEqual([]);
}
