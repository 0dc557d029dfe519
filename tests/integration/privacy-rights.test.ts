import { and, count, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  consentRecords,
  outboxMessages,
  privacyRequests,
  residentLinks,
  users,
  workOrderComments,
  workOrders,
} from "@/db/schema";
import { verifyCredentials } from "@/lib/auth/credentials";
import { verifyCompany } from "@/lib/crm/ledger/verify";
import type { Db } from "@/lib/db/client";
import { acceptCurrentNotice, acceptedVersion } from "@/lib/privacy/consent";
import { collectMyData } from "@/lib/privacy/my-data";
import { companyRequests, decidePrivacyRequest, requestsOf, submitPrivacyRequest } from "@/lib/privacy/requests";
import { DPA_VERSION, needsConsent, PRIVACY_NOTICE_VERSION, REDACTED_TEXT } from "@/lib/privacy/rules";
import { decidePrivacyRequestSchema, privacyRequestSchema } from "@/lib/privacy/schemas";
import { registerResident } from "@/lib/residents/commands";
import { registerSchema } from "@/lib/residents/schemas";
import { createCompany, createUser, randomPhone, TEST_PASSWORD } from "../support/fixtures";
import { contactOf, moneyTotals, privacyWorld } from "../support/privacy";
import { createCodedEstate, randomIp } from "../support/residents-fixtures";
import { createTestDb } from "../support/test-db";

const decide = (requestId: number, decision: "accept" | "reject", reason = "") =>
  decidePrivacyRequestSchema.parse({ requestId, decision, reason });
const ask = (kind: "correction" | "deletion", details: string) => privacyRequestSchema.parse({ kind, details });

describe("privacy notice and data-processing agreement consent", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("registration records the current notice version with the account; company sign-up records the agreement", async () => {
    const company = await createCompany(db);
    expect(await acceptedVersion(db, company.companyId, company.adminId, "dpa")).toBe(DPA_VERSION);
    const estate = await createCodedEstate(db, company.companyId, { n: 1 });
    const input = registerSchema.parse({
      code: estate.codes[0],
      name: "同意者",
      phone: randomPhone(),
      password: TEST_PASSWORD,
      relation: "owner",
      acceptPrivacy: true,
    });
    const { userId } = await registerResident(db, input, { ip: randomIp() });
    expect(await acceptedVersion(db, company.companyId, userId, "privacy_notice")).toBe(PRIVACY_NOTICE_VERSION);
    expect(
      needsConsent(await acceptedVersion(db, company.companyId, userId, "privacy_notice"), PRIVACY_NOTICE_VERSION),
    ).toBe(false);
    // A newer version would be asked again.
    expect(needsConsent(PRIVACY_NOTICE_VERSION, PRIVACY_NOTICE_VERSION + 1)).toBe(true);
  });

  it("registration without ticking the notice is refused by the shared schema", () => {
    const result = registerSchema.safeParse({
      code: "ABCD2345",
      name: "x",
      phone: randomPhone(),
      password: TEST_PASSWORD,
      relation: "owner",
      acceptPrivacy: false,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["acceptPrivacy", "privacy.errors.mustAccept"],
    ]);
  });

  it("a resident without consent accepts once: one append-only row however often they click, audited", async () => {
    const company = await createCompany(db);
    const resident = await createUser(db, company.companyId, ["resident"], "老住户");
    expect(await acceptedVersion(db, company.companyId, resident.id, "privacy_notice")).toBeNull();
    await Promise.all([
      acceptCurrentNotice(db, company.companyId, resident.id),
      acceptCurrentNotice(db, company.companyId, resident.id),
    ]);
    await acceptCurrentNotice(db, company.companyId, resident.id);
    const rows = await db.select().from(consentRecords).where(eq(consentRecords.userId, resident.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      companyId: company.companyId,
      document: "privacy_notice",
      version: PRIVACY_NOTICE_VERSION,
    });
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, company.companyId), eq(auditLog.action, "privacy.consent")));
    expect(audits.length).toBeGreaterThanOrEqual(1);
    // Another company sees none of it.
    const other = await createCompany(db);
    expect(await acceptedVersion(db, other.companyId, resident.id, "privacy_notice")).toBeNull();
  });
});

describe("my data", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("holds the resident's account, household, money, requests, ledger and consents — nothing of other households or companies", async () => {
    const w = await privacyWorld(db);
    const data = await collectMyData(db, w.companyId, w.resident.id);
    expect(data.account).toEqual([expect.objectContaining({ id: w.resident.id, phone: w.resident.phone })]);
    expect(JSON.stringify(data)).not.toContain("passwordHash");
    expect(data.households.map((h) => h.id)).toEqual([w.household.id]);
    expect(data.households[0]).not.toHaveProperty("code");
    expect(data.bills.length).toBe(2);
    expect(data.bills.every((b) => b.householdId === w.household.id)).toBe(true);
    expect(data.payments).toHaveLength(1);
    expect(data.workOrders.map((o) => o.id)).toEqual([w.order.id]);
    expect(data.sentiment).toHaveLength(2);
    expect(data.consents).toHaveLength(1);
    expect(data.contacts.map((c) => c.id).sort()).toEqual([w.contacts.self.id, w.contacts.other.id].sort());
    // The same user id asked about in another company finds nothing there.
    const other = await createCompany(db);
    const elsewhere = await collectMyData(db, other.companyId, w.resident.id);
    expect(elsewhere.households).toEqual([]);
    expect(elsewhere.bills).toEqual([]);
  });
});

describe("correction and deletion requests", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("one open request of a kind; staff of another company cannot see or decide it; a rejection shows its reason", async () => {
    const w = await privacyWorld(db);
    const { requestId } = await submitPrivacyRequest(db, w.companyId, w.resident.id, ask("correction", "手机号写错了"));
    await expect(
      submitPrivacyRequest(db, w.companyId, w.resident.id, ask("correction", "again")),
    ).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { kind: ["privacy.errors.alreadyOpen"] },
    });
    const other = await createCompany(db);
    await expect(
      decidePrivacyRequest(db, other.companyId, other.adminId, decide(requestId, "accept")),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await companyRequests(db, other.companyId)).map((r) => r.id)).not.toContain(requestId);
    expect(decidePrivacyRequestSchema.safeParse({ requestId, decision: "reject", reason: " " }).success).toBe(false);
    await decidePrivacyRequest(db, w.companyId, w.adminId, decide(requestId, "reject", "号码与合同一致"));
    await expect(decidePrivacyRequest(db, w.companyId, w.adminId, decide(requestId, "accept"))).rejects.toMatchObject({
      code: "conflict",
    });
    const mine = await requestsOf(db, w.companyId, w.resident.id);
    expect(mine[0]).toMatchObject({ id: requestId, status: "rejected", decisionReason: "号码与合同一致" });
    const trail = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "privacy_request"), eq(auditLog.entityId, String(requestId))));
    expect(trail.map((a) => a.action).sort()).toEqual(["privacy_request.reject", "privacy_request.submit"]);
    // Decided, the kind can be asked again.
    await expect(
      submitPrivacyRequest(db, w.companyId, w.resident.id, ask("correction", "再次申请")),
    ).resolves.toMatchObject({ requestId: expect.any(Number) });
  });

  it("an accepted deletion anonymizes the person, keeps money and the sentiment ledger intact, and ends sign-in", async () => {
    const w = await privacyWorld(db);
    const before = await moneyTotals(db, w.companyId);
    expect((await verifyCompany(db, w.companyId)).mismatchedEntries).toBe(0);
    const phone = w.resident.phone!;
    const { requestId } = await submitPrivacyRequest(
      db,
      w.companyId,
      w.resident.id,
      ask("deletion", "我已搬走，请删除我的信息"),
    );
    const frontDesk = await createUser(db, w.companyId, ["front_desk"], "客服");
    // Two staff accept at once: one wins, the other is told it is already decided.
    const results = await Promise.allSettled([
      decidePrivacyRequest(db, w.companyId, frontDesk.id, decide(requestId, "accept")),
      decidePrivacyRequest(db, w.companyId, w.adminId, decide(requestId, "accept")),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });

    const [user] = await db.select().from(users).where(eq(users.id, w.resident.id));
    expect(user).toMatchObject({ name: `anonymized-${w.resident.id}`, phone: null, email: null, active: false });
    expect(user.sessionVersion).toBeGreaterThan(w.resident.sessionVersion);
    expect(await contactOf(db, w.contacts.self.id)).toMatchObject({
      name: `anonymized-${w.resident.id}`,
      phone: null,
      email: null,
    });
    expect(await contactOf(db, w.contacts.other.id)).toMatchObject({ name: "家人", phone: w.contacts.other.phone });
    const [order] = await db.select().from(workOrders).where(eq(workOrders.id, w.order.id));
    expect(order.description).toBe(REDACTED_TEXT);
    const [comment] = await db.select().from(workOrderComments).where(eq(workOrderComments.workOrderId, w.order.id));
    expect(comment.body).toBe(REDACTED_TEXT);
    const [request] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, requestId));
    expect(request).toMatchObject({ status: "accepted", details: REDACTED_TEXT });
    const messages = await db
      .select()
      .from(outboxMessages)
      .where(inArray(outboxMessages.id, w.messages))
      .orderBy(outboxMessages.id);
    expect(messages.map((m) => [m.to, m.status, m.params])).toEqual([
      [REDACTED_TEXT, "failed", {}],
      [REDACTED_TEXT, "sent", {}],
      [w.contacts.other.phone, "queued", { name: w.resident.name }],
    ]);
    const links = await db.select().from(residentLinks).where(eq(residentLinks.userId, w.resident.id));
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((l) => l.status === "removed")).toBe(true);

    // Money records and the ledger are exactly as before; the ledger still verifies.
    expect(await moneyTotals(db, w.companyId)).toEqual(before);
    const verify = await verifyCompany(db, w.companyId);
    expect(verify).toMatchObject({ mismatchedEntries: 0, mismatchedScores: 0 });
    // The old phone no longer signs in (and nothing with it is left to find).
    expect(await verifyCredentials(db, phone, TEST_PASSWORD, randomIp())).toMatchObject({
      ok: false,
      reason: "invalid",
    });
    expect((await db.select({ n: count() }).from(users).where(eq(users.phone, phone)))[0].n).toBe(0);
  });

  it("a person who is also staff is not anonymized from a resident request (all or nothing)", async () => {
    const w = await privacyWorld(db);
    const both = await createUser(db, w.companyId, ["resident", "butler"], "兼职住户");
    const { requestId } = await submitPrivacyRequest(db, w.companyId, both.id, ask("deletion", "删除"));
    await expect(decidePrivacyRequest(db, w.companyId, w.adminId, decide(requestId, "accept"))).rejects.toMatchObject({
      code: "conflict",
    });
    const [request] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, requestId));
    expect(request.status).toBe("open");
    const [user] = await db.select().from(users).where(eq(users.id, both.id));
    expect(user).toMatchObject({ name: "兼职住户", active: true });
  });
});
