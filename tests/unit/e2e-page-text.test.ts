import { describe, expect, it } from "vitest";
import { CJK, routeOfPageFile, routePattern, systemChinese, type TextFragment } from "@/tests/e2e/support/page-text";

const en = (fragments: TextFragment[]) => ({ lang: "en", fragments });

describe("systemChinese (the e2e check for system-written Chinese on English pages)", () => {
  it("finds Chinese characters and CJK punctuation, not Latin text", () => {
    expect(CJK.test("催费：王海诚 欠费 13 个月")).toBe(true);
    expect(CJK.test("Repair, Cleaning")).toBe(false);
    expect(CJK.test("Repair、Cleaning")).toBe(true); // the Chinese list separator
    expect(CJK.test("Repair，Cleaning")).toBe(true); // the full-width comma
    expect(CJK.test("Amount（yuan）")).toBe(true);
    expect(CJK.test("¥ 1,200.00 · 2026-12 – done… “ok”")).toBe(false);
  });

  it("reports system text and leaves out what is marked as user text", () => {
    const found = systemChinese(
      en([
        { text: "催费：欠费 13 个月", user: false },
        { text: "王海诚", user: true },
        { text: "Visit 2026Q4", user: false },
        { text: "Plumbing、Electrical", user: false },
      ]),
    );
    expect(found).toEqual(["催费：欠费 13 个月", "Plumbing、Electrical"]);
  });

  it("checks English pages only, lists each text once, shortened", () => {
    const leak = { text: "回访", user: false };
    expect(systemChinese({ lang: "zh-CN", fragments: [leak] })).toEqual([]);
    expect(systemChinese({ lang: "en-US", fragments: [leak, leak] })).toEqual(["回访"]);
    expect(systemChinese(en([{ text: `${"很".repeat(100)}\n  x`, user: false }]))[0]).toHaveLength(80);
  });
});

describe("routePattern (axe runs once per route)", () => {
  const routes = [
    "/staff",
    "/staff/orders",
    "/staff/orders/[id]",
    "/staff/orders/new",
    "/staff/orders/board",
    "/staff/billing/print/transfer/[unitId]/[date]",
    "/docs/[...slug]",
  ];

  it("maps a page file to its URL pattern, without route groups", () => {
    expect(routeOfPageFile("app/(staff)/staff/(tickets)/orders/[id]/page.tsx")).toBe("/staff/orders/[id]");
    expect(routeOfPageFile("app/(resident)/requests/(index)/page.tsx")).toBe("/requests");
    expect(routeOfPageFile("app/page.tsx")).toBe("/");
  });

  it("prefers literal segments over dynamic ones", () => {
    expect(routePattern("/staff/orders/123", routes)).toBe("/staff/orders/[id]");
    expect(routePattern("/staff/orders/new", routes)).toBe("/staff/orders/new");
    expect(routePattern("/staff/orders/board", routes)).toBe("/staff/orders/board");
    expect(routePattern("/staff/orders", routes)).toBe("/staff/orders");
    expect(routePattern("/staff/billing/print/transfer/9/2026-01-01", routes)).toBe(
      "/staff/billing/print/transfer/[unitId]/[date]",
    );
  });

  it("handles catch-alls and falls back to the pathname", () => {
    expect(routePattern("/docs/a/b", routes)).toBe("/docs/[...slug]");
    expect(routePattern("/docs", routes)).toBe("/docs");
    expect(routePattern("/nowhere/1", routes)).toBe("/nowhere/1");
  });
});
