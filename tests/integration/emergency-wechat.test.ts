import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMessages, portalNotices, wechatBindings } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { deliverDue } from "@/lib/outbox/deliver";
import type { MessageTransport } from "@/lib/outbox/transport";
import { saveWechatAccount } from "@/lib/outbox/wechat/account";
import { wechatAccountSchema } from "@/lib/outbox/wechat/schemas";
import { announceDueNotices } from "@/lib/portal/notices-publish";
import { WechatMpFake } from "../fakes/wechat-mp";
import { createPortalEstate } from "../support/portal";
import { createTestDb } from "../support/test-db";

/*
 * Issue 18: emergency announcements reach every resident of the community on WeChat too (template
 * messages to those bound to the company's official account), at once even in the quiet hours.
 */

const APP_ID = "wx0123456789emerg1";
const SECRET = "fake-app-secret-emergency-000001";
const fake = new WechatMpFake(APP_ID, SECRET);
const noTransport: MessageTransport = { async sendEmail() {}, async sendSms() {} };
// 22:30 in Asia/Shanghai: inside the default quiet hours (21:00–08:00).
const NIGHT = new Date("2026-03-10T14:30:00Z");

beforeAll(() => fake.start());
afterAll(() => fake.stop());

async function estateWithAccount(db: Db, templates: Record<string, { templateId: string; fields: string }>) {
  const e = await createPortalEstate(db, 3);
  const input = wechatAccountSchema.parse({
    enabled: true,
    appId: APP_ID,
    appSecret: SECRET,
    apiBaseUrl: fake.baseUrl,
    oauthBaseUrl: fake.baseUrl,
    templates,
  });
  await saveWechatAccount(db, e.companyId, e.adminId, input);
  return e;
}

async function notice(db: Db, e: { companyId: number; community: { id: number } }, emergency: boolean, title: string) {
  const [n] = await db
    .insert(portalNotices)
    .values({
      companyId: e.companyId,
      communityId: e.community.id,
      title,
      body: "请勿使用明火",
      emergency,
      publishAt: new Date(NIGHT.getTime() - 60_000),
    })
    .returning();
  return n;
}

const wechatRows = (db: Db, noticeId: number) =>
  db
    .select()
    .from(outboxMessages)
    .where(and(like(outboxMessages.idempotencyKey, `notice:${noticeId}:%`), eq(outboxMessages.channel, "wechat")));

describe("emergency announcements over WeChat", () => {
  it("go to every bound resident of the community at once in the quiet hours, as the emergency template", async () => {
    const { db } = await createTestDb();
    const e = await estateWithAccount(db, {
      emergency: { templateId: "TPL-EMERGENCY", fields: "first=title\nkeyword1=company" },
    });
    const [bound1, bound2, unbound] = e.residents;
    await db.insert(wechatBindings).values([
      { companyId: e.companyId, userId: bound1.id, openid: `o-${bound1.id}` },
      { companyId: e.companyId, userId: bound2.id, openid: `o-${bound2.id}` },
    ]);
    const ordinary = await notice(db, e, false, "绿化修剪");
    const urgent = await notice(db, e, true, "燃气泄漏");

    const [a, b] = await Promise.all([
      announceDueNotices(db, NIGHT, [e.companyId]),
      announceDueNotices(db, NIGHT, [e.companyId]),
    ]);
    expect(a.notices + b.notices).toBe(2);
    // 3 residents × (e-mail + SMS) + 2 WeChat; the ordinary announcement sends nothing.
    expect(a.messages + b.messages).toBe(8);
    expect(await wechatRows(db, ordinary.id)).toEqual([]);
    const rows = await wechatRows(db, urgent.id);
    expect(rows.map((r) => r.to).sort()).toEqual([`o-${bound1.id}`, `o-${bound2.id}`].sort());
    expect(rows.map((r) => r.to)).not.toContain(`o-${unbound.id}`);
    // Not held until 08:00: emergencies ignore the quiet hours.
    expect(rows.map((r) => r.nextAttemptAt.getTime())).toEqual([NIGHT.getTime(), NIGHT.getTime()]);

    const before = fake.sent.length;
    const r = await deliverDue(db, { companyId: e.companyId, now: NIGHT, transport: noTransport });
    expect(r).toMatchObject({ sent: 8, failed: 0, retried: 0 });
    const sent = fake.sent.slice(before);
    expect(sent.map((s) => s.touser).sort()).toEqual([`o-${bound1.id}`, `o-${bound2.id}`].sort());
    for (const s of sent)
      expect(s).toMatchObject({
        template_id: "TPL-EMERGENCY",
        data: { first: { value: "燃气泄漏" }, keyword1: { value: expect.stringMatching(/\S/) } },
      });
    expect((await wechatRows(db, urgent.id)).map((m) => m.status)).toEqual(["sent", "sent"]);
  });

  it("an account without an emergency template queues nothing on WeChat (e-mail and SMS still go)", async () => {
    const { db } = await createTestDb();
    const e = await estateWithAccount(db, { receipt: { templateId: "TPL-RECEIPT", fields: "keyword1=receiptNo" } });
    await db.insert(wechatBindings).values({ companyId: e.companyId, userId: e.residents[0].id, openid: "o-x" });
    const urgent = await notice(db, e, true, "台风预警");
    expect(await announceDueNotices(db, NIGHT, [e.companyId])).toMatchObject({ notices: 1, messages: 6 });
    expect(await wechatRows(db, urgent.id)).toEqual([]);
  });
});
