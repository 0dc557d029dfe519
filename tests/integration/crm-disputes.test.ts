import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  billingCorrections,
  bills,
  crmDisputePhotos,
  crmDisputes,
  crmNotices,
  ladderFirings,
  legalCaseEvents,
  legalCases,
  notifications,
  outboxMessages,
  sentimentEntries,
} from "@/db/schema";
import { runArrearsLadder } from "@/lib/crm/arrears/ladder";
import { disputePhotoFor, listDisputes, residentDisputes, staffDispute } from "@/lib/crm/disputes/queries";
import { fileDisputeSchema, resolveDisputeSchema } from "@/lib/crm/disputes/schemas";
import { fileDispute } from "@/lib/crm/disputes/commands";
import { confirmLetter, lettersAwaitingConfirmation, saveLegalConfirmation } from "@/lib/crm/legal/letters";
import { residentNotice, residentNotices } from "@/lib/crm/notices/queries";
import { verifyCompany } from "@/lib/crm/ledger/verify";
import type { Db } from "@/lib/db/client";
import { resolveDispute } from "@/lib/flows/resolve-dispute";
import { arrearsWorld, days } from "../support/arrears";
import { createUser, linkResident } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import { PNG, ticketWorld } from "../support/tickets";

const NOW = new Date("2026-04-10T02:00:00Z");
// Dispute photos are written under a temp folder, never the repository's uploads/.
process.env.UPLOADS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-dispute-uploads-"));

async function replay(db: Db, company: { id: number; timeZone: string }, from: string, to: string) {
  for (const day of days(from, to)) await runArrearsLadder(db, company, day, NOW);
}

const firingsOf = (db: Db, householdId: number) =>
  db
    .select({ stepKey: ladderFirings.stepKey, occurrence: ladderFirings.occurrence, firedOn: ladderFirings.firedOn })
    .from(ladderFirings)
    .where(eq(ladderFirings.householdId, householdId))
    .orderBy(asc(ladderFirings.id));

const noticesOf = (db: Db, householdId: number) =>
  db.select().from(crmNotices).where(eq(crmNotices.householdId, householdId)).orderBy(asc(crmNotices.id));

const file = (
  db: Db,
  companyId: number,
  userId: number,
  input: { subject: "notice" | "bill"; targetId: number; reason: string },
) => fileDispute(db, { companyId, userId }, fileDisputeSchema.parse(input));

describe("due process: disputes pause the ladder", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("a disputed episode does not advance while open; after rejection the step then due fires once; the resident sees the reason", async () => {
    const w = await arrearsWorld(db, 15);
    const [h0, h1] = w.estate.households;
    await replay(db, w.company, "2025-01-01", "2025-05-20");
    const m5 = (await noticesOf(db, h0.id)).at(-1)!;
    expect((await firingsOf(db, h0.id)).map((f) => f.stepKey)).toEqual(["m3", "m4", "m5"]);

    const filed = await file(db, w.companyId, w.resident.id, {
      subject: "notice",
      targetId: m5.id,
      reason: "我已在物业前台交过现金",
    });
    expect(filed.created).toBe(true);
    // Filing again while it is open returns the same dispute (a double click files once).
    expect(await file(db, w.companyId, w.resident.id, { subject: "notice", targetId: m5.id, reason: "again" })).toEqual(
      { id: filed.id, created: false },
    );
    const [row] = await db.select().from(crmDisputes).where(eq(crmDisputes.id, filed.id));
    expect(row).toMatchObject({ status: "open", householdId: h0.id, subject: "notice", noticeId: m5.id });
    expect(row.episodeId).not.toBeNull();
    expect(
      await db.$count(auditLog, and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "dispute.file"))),
    ).toBe(1);

    // Months go by while it is open: household 0 stays at m5, household 1 (no dispute) advances.
    await replay(db, w.company, "2025-05-21", "2025-09-01");
    expect((await firingsOf(db, h0.id)).map((f) => f.stepKey)).toEqual(["m3", "m4", "m5"]);
    expect((await firingsOf(db, h1.id)).map((f) => `${f.stepKey}:${f.occurrence}`)).toEqual([
      "m3:3",
      "m4:4",
      "m5:5",
      "m6:6",
      "m6:8",
    ]);

    // The butler of the household sees it among open disputes and rejects it with a reason.
    const butler = { companyId: w.companyId, userId: w.butler.id, roles: ["butler" as const] };
    expect((await listDisputes(db, w.companyId, butler, { status: "open" })).map((d) => d.id)).toEqual([filed.id]);
    await resolveDispute(
      db,
      butler,
      resolveDisputeSchema.parse({ id: filed.id, outcome: "rejected", reason: "前台无此笔收款记录" }),
    );
    await expect(
      resolveDispute(db, butler, resolveDisputeSchema.parse({ id: filed.id, outcome: "upheld", reason: "x" })),
    ).rejects.toMatchObject({ code: "conflict" });
    const [mine] = await residentDisputes(db, w.companyId, w.resident.id, { noticeId: m5.id });
    expect(mine).toMatchObject({ status: "rejected", resolution: "前台无此笔收款记录" });
    expect(
      await db.$count(
        notifications,
        and(eq(notifications.userId, w.resident.id), eq(notifications.kind, "dispute.rejected")),
      ),
    ).toBe(1);
    expect(
      await db.$count(
        outboxMessages,
        sql`${outboxMessages.idempotencyKey} like ${`crm-dispute:${filed.id}:${w.resident.id}:%`} and ${outboxMessages.templateKey} = 'disputeRejected'`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await db.$count(auditLog, and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "dispute.rejected"))),
    ).toBe(1);
    // Rejection corrects nothing.
    expect(
      await db.$count(
        sentimentEntries,
        and(eq(sentimentEntries.householdId, h0.id), eq(sentimentEntries.rule, "correction")),
      ),
    ).toBe(0);

    // The next run fires the step then due (8 months behind → m6 at 8), once; not every step skipped.
    await replay(db, w.company, "2025-09-02", "2025-09-05");
    const after = await firingsOf(db, h0.id);
    expect(after.map((f) => `${f.stepKey}:${f.occurrence}:${f.firedOn}`)).toEqual([
      "m3:3:2025-03-16",
      "m4:4:2025-04-16",
      "m5:5:2025-05-16",
      "m6:8:2025-09-02",
    ]);
    expect((await verifyCompany(db, w.companyId)).mismatches).toEqual([]);
  });

  it("upheld notice dispute: a correction entry reverses the notice's points and the ledger verifies clean; upheld bill dispute: a billing correction", async () => {
    const w = await arrearsWorld(db, 6);
    const [h0] = w.estate.households;
    await replay(db, w.company, "2025-01-01", "2025-04-20");
    const m4 = (await noticesOf(db, h0.id)).at(-1)!;
    const d = await file(db, w.companyId, w.resident.id, {
      subject: "notice",
      targetId: m4.id,
      reason: "四月账单算错了面积",
    });
    const admin = { companyId: w.companyId, userId: w.adminId, roles: ["admin" as const] };
    const r = await resolveDispute(
      db,
      admin,
      resolveDisputeSchema.parse({ id: d.id, outcome: "upheld", reason: "面积录入错误，撤销扣分" }),
    );
    const entries = await db
      .select()
      .from(sentimentEntries)
      .where(eq(sentimentEntries.householdId, h0.id))
      .orderBy(asc(sentimentEntries.id));
    expect(entries.map((e) => [e.rule, e.points])).toEqual([
      ["arrears", -1],
      ["arrears", -2],
      ["correction", 2],
    ]);
    expect(entries[2]).toMatchObject({
      id: r.sentimentEntryId,
      reason: "面积录入错误，撤销扣分",
      actorUserId: w.adminId,
      sourceType: "crm_dispute",
      sourceId: d.id,
      step: "dispute",
    });
    expect(entries[2].scoreAfter).toBe(99);
    expect(await verifyCompany(db, w.companyId)).toMatchObject({ mismatchedEntries: 0, mismatchedScores: 0 });
    expect(
      await db.$count(
        notifications,
        and(eq(notifications.userId, w.resident.id), eq(notifications.kind, "dispute.upheld")),
      ),
    ).toBe(1);

    // A bill dispute, upheld by finance with a discount through billing's adjustment path.
    const [bill] = await db
      .select()
      .from(bills)
      .where(and(eq(bills.householdId, h0.id), eq(bills.period, "2025-02")));
    const bd = await file(db, w.companyId, w.resident.id, {
      subject: "bill",
      targetId: bill.id,
      reason: "二月停水一周",
    });
    const finance = await createUser(db, w.companyId, ["finance"], "财务");
    const fin = { companyId: w.companyId, userId: finance.id, roles: ["finance" as const] };
    // Finance sees bill disputes only.
    expect((await listDisputes(db, w.companyId, fin)).map((x) => x.id)).toEqual([bd.id]);
    expect(await staffDispute(db, w.companyId, fin, d.id)).toBeNull();
    expect(() => resolveDisputeSchema.parse({ id: bd.id, outcome: "rejected", reason: "x", discount: "10" })).toThrow();
    const rb = await resolveDispute(
      db,
      fin,
      resolveDisputeSchema.parse({ id: bd.id, outcome: "upheld", reason: "停水减免", discount: "10.00" }),
    );
    const [corr] = await db.select().from(billingCorrections).where(eq(billingCorrections.id, rb.billingCorrectionId!));
    expect(corr).toMatchObject({
      kind: "adjust",
      billId: bill.id,
      amountFen: -1000,
      reason: "停水减免",
      actorUserId: finance.id,
    });
    const [billAfter] = await db.select().from(bills).where(eq(bills.id, bill.id));
    expect(billAfter.adjustmentFen).toBe(bill.adjustmentFen - 1000);
    expect(
      await db.$count(auditLog, and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "bill.adjust"))),
    ).toBe(1);
  });

  it("cross-household and cross-company attempts are not found", async () => {
    const w = await arrearsWorld(db, 6);
    const [h0, h1] = w.estate.households;
    await replay(db, w.company, "2025-04-16", "2025-04-16");
    const n0 = (await noticesOf(db, h0.id))[0];
    const n1 = (await noticesOf(db, h1.id))[0];
    const [b1] = await db.select().from(bills).where(eq(bills.householdId, h1.id)).limit(1);
    // Household 0's resident against household 1's notice and bill.
    await expect(
      file(db, w.companyId, w.resident.id, { subject: "notice", targetId: n1.id, reason: "x" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      file(db, w.companyId, w.resident.id, { subject: "bill", targetId: b1.id, reason: "x" }),
    ).rejects.toMatchObject({ code: "not_found" });
    // A resident linked but not yet approved is no resident of it.
    const pending = await createUser(db, w.companyId, ["resident"], "待审");
    await linkResident(db, w.companyId, pending.id, h0.id, "pending");
    await expect(
      file(db, w.companyId, pending.id, { subject: "notice", targetId: n0.id, reason: "x" }),
    ).rejects.toMatchObject({ code: "not_found" });
    // Another company's resident, and its staff against a dispute of this company.
    const other = await ticketWorld(db, { techs: [] });
    await expect(
      file(db, other.companyId, other.resident.id, { subject: "notice", targetId: n0.id, reason: "x" }),
    ).rejects.toMatchObject({ code: "not_found" });
    const d = await file(db, w.companyId, w.resident.id, { subject: "notice", targetId: n0.id, reason: "x" });
    for (const actor of [other.as.admin, { ...other.as.butler, roles: ["butler" as const] }]) {
      await expect(
        resolveDispute(db, actor, resolveDisputeSchema.parse({ id: d.id, outcome: "rejected", reason: "x" })),
      ).rejects.toMatchObject({ code: "not_found" });
    }
    // Another butler of the same company (not this household's) does not see it either.
    const otherButler = await createUser(db, w.companyId, ["butler"], "别的管家");
    const ob = { companyId: w.companyId, userId: otherButler.id, roles: ["butler" as const] };
    expect(await listDisputes(db, w.companyId, ob)).toEqual([]);
    await expect(
      resolveDispute(db, ob, resolveDisputeSchema.parse({ id: d.id, outcome: "rejected", reason: "x" })),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await db.select().from(crmDisputes).where(eq(crmDisputes.id, d.id)))[0].status).toBe("open");

    // Photos: checked by content, readable by the household's resident and its staff only.
    const png = {
      size: PNG.length,
      arrayBuffer: async () => PNG.buffer.slice(PNG.byteOffset, PNG.byteOffset + PNG.length) as ArrayBuffer,
    };
    const notImage = { size: 4, arrayBuffer: async () => new TextEncoder().encode("text").buffer as ArrayBuffer };
    const [b0] = await db.select().from(bills).where(eq(bills.householdId, h0.id)).limit(1);
    await expect(
      fileDispute(
        db,
        { companyId: w.companyId, userId: w.resident.id },
        fileDisputeSchema.parse({ subject: "bill", targetId: b0.id, reason: "x" }),
        [notImage],
      ),
    ).rejects.toMatchObject({ code: "validation" });
    expect(await db.$count(crmDisputes, eq(crmDisputes.billId, b0.id))).toBe(0);
    const withPhoto = await fileDispute(
      db,
      { companyId: w.companyId, userId: w.resident.id },
      fileDisputeSchema.parse({ subject: "bill", targetId: b0.id, reason: "收据见照片" }),
      [png],
    );
    const [photo] = await db.select().from(crmDisputePhotos).where(eq(crmDisputePhotos.disputeId, withPhoto.id));
    expect(photo).toMatchObject({ mime: "image/png", uploadedByUserId: w.resident.id });
    expect(
      await disputePhotoFor(db, w.companyId, { userId: w.resident.id, roles: ["resident"] }, photo.id),
    ).toMatchObject({ mime: "image/png" });
    expect(await disputePhotoFor(db, w.companyId, { userId: w.butler.id, roles: ["butler"] }, photo.id)).toMatchObject({
      mime: "image/png",
    });
    expect(await disputePhotoFor(db, w.companyId, { userId: pending.id, roles: ["resident"] }, photo.id)).toBeNull();
    expect(await disputePhotoFor(db, w.companyId, { userId: otherButler.id, roles: ["butler"] }, photo.id)).toBeNull();
    expect(
      await disputePhotoFor(db, other.companyId, { userId: other.adminId, roles: ["admin"] }, photo.id),
    ).toBeNull();
  });
});

describe("due process: legal confirms the lawyer's letter", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("the 13-month letter is prepared but withheld until legal confirms; confirming sends it exactly once", async () => {
    const w = await arrearsWorld(db, 15);
    const [h0] = w.estate.households;
    // First seen 14 months behind: the legal step only (jump rule).
    await runArrearsLadder(db, w.company, "2026-02-20", NOW);
    const [letter] = await noticesOf(db, h0.id);
    expect(letter).toMatchObject({ kind: "lawyer_letter", awaitingConfirmation: true, confirmedAt: null });
    const [legalCase] = await db.select().from(legalCases).where(eq(legalCases.householdId, h0.id));
    expect(legalCase).toBeTruthy();
    // Not sent, not visible to the resident; legal was told about the case.
    const residentArrears = () =>
      db.$count(
        notifications,
        and(eq(notifications.userId, w.resident.id), sql`${notifications.kind} like 'arrears.%'`),
      );
    const residentOutbox = () =>
      db.$count(outboxMessages, sql`${outboxMessages.idempotencyKey} like ${`crm-notice:${letter.id}:%`}`);
    expect(await residentArrears()).toBe(0);
    expect(await residentOutbox()).toBe(0);
    expect(await residentNotice(db, w.companyId, w.resident.id, letter.id)).toBeNull();
    expect(await residentNotices(db, w.companyId, w.resident.id)).toEqual([]);
    await expect(
      file(db, w.companyId, w.resident.id, { subject: "notice", targetId: letter.id, reason: "x" }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(
      await db.$count(
        notifications,
        and(eq(notifications.userId, w.legal.id), eq(notifications.kind, "arrears.legal_case")),
      ),
    ).toBe(3);

    const legal = { companyId: w.companyId, userId: w.legal.id, roles: ["legal" as const] };
    // All three households are 14 months behind: three letters wait.
    const waiting = await lettersAwaitingConfirmation(db, w.companyId, legal);
    expect(waiting).toHaveLength(3);
    expect(waiting.find((l) => l.id === letter.id)).toMatchObject({ caseId: legalCase.id, householdId: h0.id });
    // Another company's legal user cannot confirm it.
    const other = await ticketWorld(db, { techs: [] });
    const otherLegal = await createUser(db, other.companyId, ["legal"], "外司法务");
    await expect(
      confirmLetter(db, { companyId: other.companyId, userId: otherLegal.id }, { id: letter.id }),
    ).rejects.toMatchObject({ code: "not_found" });

    // A double click: both calls answer, one sends.
    const results = [];
    for (let i = 0; i < 2; i++) results.push(await confirmLetter(db, legal, { id: letter.id }));
    expect(results.map((r) => r.sent)).toEqual([true, false]);
    expect(await residentArrears()).toBe(1);
    const channels = [w.resident.email, w.resident.phone].filter(Boolean).length;
    expect(await residentOutbox()).toBe(channels);
    expect(
      await db.$count(auditLog, and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "lawyer_letter.confirm"))),
    ).toBe(1);
    expect(
      await db.$count(
        legalCaseEvents,
        and(eq(legalCaseEvents.caseId, legalCase.id), eq(legalCaseEvents.action, "letter_confirmed")),
      ),
    ).toBe(1);
    expect(await residentNotice(db, w.companyId, w.resident.id, letter.id)).toMatchObject({
      id: letter.id,
      kind: "lawyer_letter",
    });
    expect((await lettersAwaitingConfirmation(db, w.companyId, legal)).map((l) => l.id)).not.toContain(letter.id);
    expect(await lettersAwaitingConfirmation(db, w.companyId, legal)).toHaveLength(2);
  });

  it("with the setting off the letter goes out at once (today's behaviour); the change is audited", async () => {
    const w = await arrearsWorld(db, 15);
    const [h0] = w.estate.households;
    await saveLegalConfirmation(db, { companyId: w.companyId, userId: w.adminId }, false);
    await runArrearsLadder(db, w.company, "2026-02-20", NOW);
    const [letter] = await noticesOf(db, h0.id);
    expect(letter.awaitingConfirmation).toBe(false);
    expect(
      await db.$count(
        notifications,
        and(eq(notifications.userId, w.resident.id), eq(notifications.kind, "arrears.lawyer_letter")),
      ),
    ).toBe(1);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "crm_settings.update")));
    expect(audit).toMatchObject({ before: { legalConfirmation: true }, after: { legalConfirmation: false } });
  });
});
