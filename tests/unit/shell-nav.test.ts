import { describe, expect, it } from "vitest";
import { navFor, STAFF_NAV } from "@/components/shell/nav";
import { groupNav, MAIN_LIMIT, mainItemsFor, STAFF_MAIN } from "@/components/shell/staff-main";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { parseJumpQuery } from "@/lib/portal/jump/rules";

describe("staff navigation", () => {
  it("every staff entry has a module heading and every role's main tools are entries that role opens", () => {
    expect(STAFF_NAV.filter((i) => !i.group).map((i) => i.href)).toEqual([]);
    for (const role of STAFF_ROLES) {
      const items = navFor(STAFF_NAV, [role]);
      const main = mainItemsFor(items, [role]).map((i) => i.href);
      expect(main, role).toEqual(STAFF_MAIN[role]);
      expect(main.length, role).toBeGreaterThanOrEqual(4);
      expect(main.length, role).toBeLessThanOrEqual(MAIN_LIMIT);
    }
  });

  it("puts the role's main tools first and lists every other entry once under its module", () => {
    const items = navFor(STAFF_NAV, ["butler"]);
    const sections = groupNav(items, ["butler"]);
    expect(sections[0].group).toBe("main");
    expect(sections[0].items.map((i) => i.href).slice(0, 2)).toEqual(["/staff", "/staff/crm"]);
    const all = sections.flatMap((s) => s.items.map((i) => i.href));
    expect([...all].sort()).toEqual(items.map((i) => i.href).sort());
    expect(new Set(all).size).toBe(all.length);
    expect(sections.every((s) => s.items.length > 0)).toBe(true);
  });

  it("merges several roles' main tools in role order, at most five", () => {
    const items = navFor(STAFF_NAV, ["technician", "butler"]);
    const main = mainItemsFor(items, ["technician", "butler"]).map((i) => i.href);
    expect(main).toEqual(["/staff", "/staff/orders", "/staff/emergencies", "/staff/equipment", "/staff/kb"]);
  });
});

describe("quick jump query", () => {
  it("reads order numbers, notice numbers and household text", () => {
    expect(parseJumpQuery("123")).toEqual({ text: "123", orderId: 123, noticeNumber: null });
    expect(parseJumpQuery("#7")).toEqual({ text: "#7", orderId: 7, noticeNumber: null });
    expect(parseJumpQuery("7")).toEqual({ text: "", orderId: 7, noticeNumber: null });
    expect(parseJumpQuery("催-2026-000123").noticeNumber).toBe("催-2026-000123");
    expect(parseJumpQuery("AN-2026-000123").noticeNumber).toBe("催-2026-000123");
    expect(parseJumpQuery("an-2026-7").noticeNumber).toBe("催-2026-000007");
    expect(parseJumpQuery("2026-123")).toMatchObject({ noticeNumber: "催-2026-000123", orderId: null });
    expect(parseJumpQuery(" 王海诚 ")).toEqual({ text: "王海诚", orderId: null, noticeNumber: null });
    expect(parseJumpQuery("0").orderId).toBeNull();
    expect(parseJumpQuery("99999999999").orderId).toBeNull();
    expect(parseJumpQuery("3-2-1201")).toMatchObject({ text: "3-2-1201", orderId: null, noticeNumber: null });
  });
});
