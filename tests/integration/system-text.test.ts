import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { beforeAll, describe, expect, it } from "vitest";
import { workOrders } from "@/db/schema";
import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { orderText, orderTextMarked, orderTitleMarked } from "@/components/ui/system-text";
import { collectionOrderText, legalFollowUpText } from "@/lib/crm/arrears/text";
import { visitOrderText } from "@/lib/crm/visits/sampling";
import type { Db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";
import { loadOrderScope } from "@/lib/tickets/access";
import { createOrder } from "@/lib/tickets/create";
import { getOrderDetail, listOrders } from "@/lib/tickets/queries";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

/** Issue 16 point 5: system-written order text is a key + params worded in the reader's language. */

const now = new Date("2026-10-01T01:00:00Z");
type T = Parameters<typeof orderText>[0];
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

async function translator(locale: Locale): Promise<T> {
  return createTranslator({ locale, messages: await loadMessages(locale) }) as unknown as T;
}

describe("system text: key + params rendered at read time", () => {
  let db: Db;
  let zh: T;
  let en: T;
  beforeAll(async () => {
    db = (await createTestDb()).db;
    [zh, en] = await Promise.all([translator("zh-CN"), translator("en")]);
  });

  it("a visit, a collection and a legal follow-up order read in Chinese and in English", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const h = w.estate.households[0];
    const base = { type: "visit" as const, source: "system" as const, householdId: h.id };
    const system = { companyId: w.companyId, userId: null };
    const visit = await createOrder(db, system, { ...base, ...visitOrderText("2026Q4", "2026-10") }, now);
    const collection = await createOrder(
      db,
      system,
      {
        ...base,
        type: "collection",
        ...collectionOrderText({
          task: "phone_call",
          kind: "reminder",
          householdName: "王海诚",
          months: 13,
          owedFen: 123456,
          number: "催-2026-000001",
        }),
      },
      now,
    );
    const legal = await createOrder(
      db,
      system,
      { ...base, type: "collection", ...legalFollowUpText("王海诚", "带上合同") },
      now,
    );
    const scope = await loadOrderScope(db, w.companyId, { id: w.adminId, roles: ["admin"] });
    const { rows } = await listOrders(db, w.companyId, scope, {});
    const byId = new Map(rows.map((r) => [r.id, r]));

    expect(orderText(zh, byId.get(visit.id)!)).toEqual({
      title: "回访 2026Q4",
      description: "季度回访（2026-10 抽样）",
      system: true,
    });
    expect(orderText(en, byId.get(visit.id)!)).toEqual({
      title: "Visit 2026Q4",
      description: "Quarterly visit (sampled 2026-10)",
      system: true,
    });
    const c = byId.get(collection.id)!;
    expect(orderText(zh, c).title).toBe("催费：王海诚 欠费 13 个月");
    expect(orderText(zh, c).description).toContain("电话联系住户，了解需求并提醒交费");
    expect(orderText(zh, c).description).toContain("交费温馨提醒 催-2026-000001");
    const cEn = orderText(en, c);
    expect(cEn.title).toBe("Collection: 王海诚, 13 months in arrears");
    expect(cEn.description).toContain("¥1234.56 in total");
    // Only the household's name (and the notice number's prefix) stay Chinese in English.
    expect(cEn.description.replaceAll("王海诚", "").replaceAll("催-", "")).not.toMatch(CJK);
    expect(c.description).not.toMatch(/Collection:/); // the stored text is Chinese only, not glued bilingual
    const l = orderText(en, byId.get(legal.id)!);
    expect(l.title).toBe("Lawyer's letter · 王海诚");
    expect(l.description).toMatch(/^Follow up the lawyer's letter[^]*\n\n带上合同$/);

    // The lists' title (orderTitleMarked) is the detail's (orderTextMarked) title, else description,
    // with the same user-text marks; so for a keyless order, one without a title, and an unknown key.
    const keyless = { title: "电梯", description: "电梯太慢", textKey: null, textParams: null };
    const cases = [
      ...rows,
      keyless,
      { ...keyless, title: null },
      { ...keyless, textKey: "tickets.nope", textParams: { name: "王" } },
    ];
    const html = (node: React.ReactNode) => renderToStaticMarkup(createElement(Fragment, null, node));
    for (const t of [zh, en])
      for (const o of cases) {
        const full = orderTextMarked(t, o);
        const title = orderTitleMarked(t, o);
        expect(html(title.text)).toBe(html(full.title ?? full.description));
        expect(title.system).toBe(full.system);
      }
  });

  it("an order without a key (typed by a person, or older) shows its stored text", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const h = w.estate.households[0];
    const o = await createOrder(
      db,
      { companyId: w.companyId, userId: w.frontDesk.id },
      { type: "suggestion", source: "front_desk", householdId: h.id, title: "电梯", description: "电梯太慢" },
      now,
    );
    const row = { title: o.title, description: o.description, textKey: o.textKey, textParams: o.textParams };
    expect(orderText(en, row)).toEqual({ title: "电梯", description: "电梯太慢", system: false });
    // An unknown key (written by newer code) falls back to the stored text too.
    const unknown = { ...row, textKey: "tickets.nope", textParams: {} };
    expect(orderText(en, unknown)).toEqual({ title: "电梯", description: "电梯太慢", system: false });
  });

  it("the backfill migration gives older visit and gold orders their key; others keep their text", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const h = w.estate.households[0];
    const system = { companyId: w.companyId, userId: null };
    const old = (title: string, description: string) =>
      createOrder(db, system, { type: "visit", source: "system", householdId: h.id, title, description }, now);
    const visit = await old("回访 Visit 2026Q3", "季度回访（2026-08 抽样）Quarterly visit (sampled 2026-08)");
    const gold = await old(
      "金章客户：上门赠送金章服务卡 / Gold badge: present the gold service card",
      "金章客户（预交 12 个月物业费），请上门拜访并赠送金章服务卡，有效期至 2027-09-30。\nGold-badge customer …",
    );
    const other = await old("回访", "自定义");
    const file = path.join(process.cwd(), "db/migrations/0028_order_text_backfill.sql");
    for (const statement of readFileSync(file, "utf8").split("--> statement-breakpoint"))
      await db.run(sql.raw(statement));
    const load = async (id: number) => (await db.select().from(workOrders).where(eq(workOrders.id, id)))[0];
    expect(orderText(en, await load(visit.id))).toMatchObject({
      title: "Visit 2026Q3",
      description: "Quarterly visit (sampled 2026-08)",
    });
    const g = await load(gold.id);
    expect(g.textParams).toEqual({ months: 12, expiresOn: "2027-09-30" });
    expect(orderText(en, g).description).toBe(
      "Gold-badge customer (12 months of fees paid ahead): visit the household and present the gold service card, valid until 2027-09-30.",
    );
    expect(orderText(zh, g).title).toBe("金章客户：上门赠送金章服务卡");
    expect(orderText(en, await load(other.id))).toEqual({ title: "回访", description: "自定义", system: false });
  });

  it("timeline: the resident submits, the system dispatches; staff see neither as a raw code", async () => {
    const w = await ticketWorld(db, { techs: [] });
    const h = w.estate.households[0];
    const o = await createOrder(
      db,
      { companyId: w.companyId, userId: w.resident.id },
      { type: "suggestion", source: "resident", householdId: h.id, description: "建议" },
      now,
    );
    const scope = await loadOrderScope(db, w.companyId, { id: w.adminId, roles: ["admin"] });
    const d = await getOrderDetail(db, w.companyId, scope, o.id);
    expect(d!.events.map((e) => [e.action, e.actorName, e.actorIsResident, e.note])).toEqual([
      ["submit", w.resident.name, true, "resident"],
      ["dispatch", null, false, null],
    ]);
    // Another company's admin does not find the order.
    const other = await ticketWorld(db, { techs: [] });
    const otherScope = await loadOrderScope(db, other.companyId, { id: other.adminId, roles: ["admin"] });
    expect(await getOrderDetail(db, other.companyId, otherScope, o.id)).toBeNull();
  });
});
