import { expect, type Locator, type Page } from "@playwright/test";
import { CJK, USER_TEXT_SELECTOR } from "./page-text";

/**
 * On an English page, no text the system wrote may be Chinese (issue 16): everything visible
 * under `root` is checked except what people typed or named (page-text.ts USER_TEXT_SELECTOR).
 * Fails listing the offending text fragments. (Every test also checks whole pages by itself:
 * tests/e2e/support/test.ts.)
 */
export async function expectNoSystemChinese(target: Page | Locator, label?: string): Promise<void> {
  const root = "locator" in target && "goto" in target ? target.locator("body") : target;
  const fragments = await root.evaluate(
    (el, arg) => {
      const cjk = new RegExp(arg.cjk);
      const out: string[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!parent || parent.closest(`script, style, noscript, ${arg.user}`)) continue;
        if (parent.closest("[hidden], [aria-hidden='true']")) continue;
        const text = (n.textContent ?? "").trim();
        if (text && cjk.test(text)) out.push(text.slice(0, 80));
      }
      return out;
    },
    { cjk: CJK.source, user: USER_TEXT_SELECTOR },
  );
  expect(fragments, `system-written Chinese on an English page${label ? ` (${label})` : ""}`).toEqual([]);
}
