import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMessages, wechatAccounts, wechatBindings, wechatTickets } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { requestSignInCode } from "@/lib/auth/phone-code";
import {
  bindWithTicket,
  finishWechatCallback,
  purgeExpiredTickets,
  signInWithTicket,
  startWechatSignIn,
  TICKET_TTL_MS,
} from "@/lib/auth/wechat";
import { anonymizeResident } from "@/lib/privacy/anonymize";
import { deliverDue } from "@/lib/outbox/deliver";
import { enqueueForUser } from "@/lib/outbox/enqueue";
import { setPreference } from "@/lib/outbox/preferences";
import type { MessageTransport } from "@/lib/outbox/transport";
import { saveWechatAccount } from "@/lib/outbox/wechat/account";
import { wechatAccountSchema } from "@/lib/outbox/wechat/schemas";
import { WechatMpFake } from "../fakes/wechat-mp";
import { createCompany, createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

const APP_ID = "wx0123456789abcdef";
const SECRET = "fake-app-secret-0123456789abcdef";
const fake = new WechatMpFake(APP_ID, SECRET);
const REDIRECT = "http://guanjia.test/wechat/oauth/callback";
const ip = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const noTransport: MessageTransport = { async sendEmail() {}, async sendSms() {} };
// Company time zone Asia/Shanghai: 12:00 local (outside the default quiet hours) and 22:30 local.
const NOON = new Date("2026-03-10T04:00:00Z");
const NIGHT = new Date("2026-03-10T14:30:00Z");

beforeAll(() => fake.start());
afterAll(() => fake.stop());

async function company(db: Db) {
  const { companyId, adminId } = await createCompany(db);
  const input = wechatAccountSchema.parse({
    enabled: true,
    appId: APP_ID,
    appSecret: SECRET,
    apiBaseUrl: fake.baseUrl,
    oauthBaseUrl: fake.baseUrl,
    templates: {
      receipt: { templateId: "TPL-RECEIPT", fields: "keyword1=receiptNo\nkeyword2=amount" },
      activity: { templateId: "TPL-ACTIVITY", fields: "first=title" },
    },
  });
  await saveWechatAccount(db, companyId, adminId, input);
  return companyId;
}

/** start → the fake's authorize page (approves as `openid`) → the callback. */
async function oauth(db: Db, companyId: number, openid: string) {
  fake.openid = openid;
  const start = await startWechatSignIn(db, companyId, REDIRECT);
  const res = await fetch(start!.url.replace("#wechat_redirect", ""), { redirect: "manual" });
  const back = new URL(res.headers.get("location")!);
  expect(back.origin + back.pathname).toBe(REDIRECT);
  return finishWechatCallback(db, {
    stateCookie: start!.cookie,
    state: back.searchParams.get("state"),
    code: back.searchParams.get("code"),
  });
}

async function codeFor(db: Db, phone: string) {
  expect(await requestSignInCode(db, phone, ip())).toEqual({ ok: true });
  const [row] = await db
    .select({ params: outboxMessages.params })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.to, phone), eq(outboxMessages.templateKey, "signInCode")))
    .orderBy(sql`${outboxMessages.id} desc`)
    .limit(1);
  return String(row.params.code);
}

describe("WeChat official account", () => {
  it("first sign-in binds the openid by phone code; next time the openid signs in directly; the secret is sealed", async () => {
    const { db } = await createTestDb();
    const companyId = await company(db);
    const user = await createUser(db, companyId, ["resident"]);
    const first = await oauth(db, companyId, "openid-alice");
    expect(first).toMatchObject({ ok: true, bound: false });
    if (!first.ok) return;
    expect(await signInWithTicket(db, first.ticket)).toEqual({ ok: false, reason: "invalid" });
    const code = await codeFor(db, user.phone!);
    const bound = await bindWithTicket(db, { ticket: first.ticket, phone: user.phone!, code }, ip());
    expect(bound).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await db.select().from(wechatBindings).where(eq(wechatBindings.companyId, companyId))).toMatchObject([
      { companyId, userId: user.id, openid: "openid-alice" },
    ]);

    const again = await oauth(db, companyId, "openid-alice");
    expect(again).toMatchObject({ ok: true, bound: true });
    if (!again.ok) return;
    expect(await signInWithTicket(db, again.ticket)).toMatchObject({ ok: true, user: { id: user.id } });
    // A ticket works once.
    expect(await signInWithTicket(db, again.ticket)).toEqual({ ok: false, reason: "invalid" });
    // Neither the AppSecret nor a ticket is stored in plain text.
    const [account] = await db.select().from(wechatAccounts).where(eq(wechatAccounts.companyId, companyId));
    expect(JSON.stringify(account)).not.toContain(SECRET);
    const tickets = await db.select().from(wechatTickets);
    expect(JSON.stringify(tickets)).not.toContain(again.ticket);
  });

  it("expired tickets are purged; an anonymized resident's binding is gone, so WeChat no longer signs them in", async () => {
    const { db } = await createTestDb();
    const companyId = await company(db);
    const user = await createUser(db, companyId, ["resident"]);
    const first = await oauth(db, companyId, "openid-carol");
    if (!first.ok) throw new Error("oauth failed");
    const code = await codeFor(db, user.phone!);
    expect(await bindWithTicket(db, { ticket: first.ticket, phone: user.phone!, code }, ip())).toMatchObject({
      ok: true,
    });
    const ticketsOf = () => db.select().from(wechatTickets).where(eq(wechatTickets.companyId, companyId));
    expect((await ticketsOf()).length).toBeGreaterThan(0);
    // Not yet expired: kept; past the TTL: deleted, used or not.
    await purgeExpiredTickets(db, new Date());
    expect((await ticketsOf()).length).toBeGreaterThan(0);
    const later = new Date(Date.now() + TICKET_TTL_MS + 60_000);
    expect((await purgeExpiredTickets(db, later)).purged).toBeGreaterThan(0);
    expect(await ticketsOf()).toEqual([]);

    await db.transaction((tx) => anonymizeResident(tx, companyId, user.id));
    expect(await db.select().from(wechatBindings).where(eq(wechatBindings.companyId, companyId))).toEqual([]);
    expect(await oauth(db, companyId, "openid-carol")).toMatchObject({ ok: true, bound: false });
  });

  it("refuses a foreign state: another attempt's nonce, another browser's cookie, a forged cookie", async () => {
    const { db } = await createTestDb();
    const companyId = await company(db);
    const other = await company(db);
    fake.openid = "openid-mallory";
    const mine = await startWechatSignIn(db, companyId, REDIRECT);
    const theirs = await startWechatSignIn(db, other, REDIRECT);
    const nonceOf = (url: string) => new URL(url.replace("#wechat_redirect", "")).searchParams.get("state");
    const refused = { ok: false, reason: "state" };
    const q = { code: "any" };
    expect(await finishWechatCallback(db, { ...q, stateCookie: mine!.cookie, state: nonceOf(theirs!.url) })).toEqual(
      refused,
    );
    expect(await finishWechatCallback(db, { ...q, stateCookie: undefined, state: nonceOf(mine!.url) })).toEqual(
      refused,
    );
    const forged = mine!.cookie.replace(/^\d+\./, `${other}.`);
    expect(await finishWechatCallback(db, { ...q, stateCookie: forged, state: nonceOf(mine!.url) })).toEqual(refused);
    expect(await db.$count(wechatTickets, inArray(wechatTickets.companyId, [companyId, other]))).toBe(0);
  });

  it("binds an openid once when two accounts try at the same time", async () => {
    const { db } = await createTestDb();
    const companyId = await company(db);
    const [a, b] = [await createUser(db, companyId, ["resident"]), await createUser(db, companyId, ["resident"])];
    const ta = await oauth(db, companyId, "openid-shared");
    const tb = await oauth(db, companyId, "openid-shared");
    if (!ta.ok || !tb.ok) throw new Error("oauth failed");
    const [ca, cb] = [await codeFor(db, a.phone!), await codeFor(db, b.phone!)];
    const results = await Promise.all([
      bindWithTicket(db, { ticket: ta.ticket, phone: a.phone!, code: ca }, ip()),
      bindWithTicket(db, { ticket: tb.ticket, phone: b.phone!, code: cb }, ip()),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const rows = await db
      .select()
      .from(wechatBindings)
      .where(and(eq(wechatBindings.companyId, companyId), eq(wechatBindings.openid, "openid-shared")));
    expect(rows).toHaveLength(1);
  });

  it("sends template messages with a cached token, refreshes it on 42001 and retries; the msgid is kept", async () => {
    const { db } = await createTestDb();
    const companyId = await company(db);
    const user = await createUser(db, companyId, ["resident"]);
    await db.insert(wechatBindings).values({ companyId, userId: user.id, openid: "openid-bob" });
    const before = { sent: fake.sent.length, tokens: fake.tokensIssued.length };
    const receipt = (n: number) =>
      enqueueForUser(
        db,
        { ...user, email: null, phone: null },
        {
          companyId,
          templateKey: "receipt",
          params: { receiptNo: `R-${n}`, amountFen: 12345 },
          idempotencyKey: `r:${n}`,
        },
        NOON,
      );
    expect(await receipt(1)).toBe(1);
    expect(await deliverDue(db, { companyId, now: NOON, transport: noTransport })).toMatchObject({ sent: 1 });
    expect(fake.sent.slice(before.sent)).toMatchObject([
      {
        touser: "openid-bob",
        template_id: "TPL-RECEIPT",
        data: { keyword1: { value: "R-1" }, keyword2: { value: "123.45" } },
      },
    ]);
    fake.expireTokens();
    await receipt(2);
    expect(await deliverDue(db, { companyId, now: NOON, transport: noTransport })).toMatchObject({ sent: 1 });
    expect(fake.tokensIssued.length - before.tokens).toBe(2);
    const rows = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.companyId, companyId), eq(outboxMessages.channel, "wechat")));
    expect(rows.map((r) => [r.status, r.providerRef])).toEqual(
      fake.sent.slice(before.sent).map((s) => ["sent", String(s.msgid)]),
    );
  });

  it("honours the resident's preferences and the quiet hours on the WeChat channel", async () => {
    const { db } = await createTestDb();
    const companyId = await company(db);
    const user = await createUser(db, companyId, ["resident"]);
    await db.insert(wechatBindings).values({ companyId, userId: user.id, openid: "openid-carol" });
    const activity = (key: string, now: Date) =>
      enqueueForUser(
        db,
        user,
        { companyId, templateKey: "activityPromoted", params: { title: "T" }, idempotencyKey: key },
        now,
      );
    await setPreference(db, companyId, user.id, { kind: "activity", channel: "wechat", on: false });
    await setPreference(db, companyId, user.id, { kind: "activity", channel: "sms", on: false });
    await activity("a1", NOON);
    const channels = async (key: string) =>
      (
        await db
          .select()
          .from(outboxMessages)
          .where(sql`${outboxMessages.idempotencyKey} like ${`${key}:%`}`)
      ).map((r) => r.channel);
    expect(await channels("a1")).toEqual(["email"]);
    await setPreference(db, companyId, user.id, { kind: "activity", channel: "wechat", on: true });
    await activity("a2", NIGHT);
    const [wechat] = await db.select().from(outboxMessages).where(eq(outboxMessages.idempotencyKey, "a2:wechat"));
    // 22:30 company time: held until 08:00 the next morning.
    expect(wechat.nextAttemptAt).toEqual(new Date("2026-03-11T00:00:00Z"));
    // A kind without a WeChat template (arrears) queues nothing on WeChat.
    await enqueueForUser(db, user, { companyId, templateKey: "arrearsNotice", params: {}, idempotencyKey: "ar" }, NOON);
    expect(await channels("ar")).not.toContain("wechat");
  });
});
