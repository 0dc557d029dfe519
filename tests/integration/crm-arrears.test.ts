import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  arrearsEpisodes,
  auditLog,
  crmNotices,
  householdScores,
  ladderFirings,
  legalCaseEvents,
  legalCases,
  notifications,
  outboxMessages,
  sentimentEntries,
  workOrderAssignees,
  workOrders,
} from "@/db/schema";
import { hasAnyRole } from "@/lib/auth/roles";
import { runArrearsLadder } from "@/lib/crm/arrears/ladder";
import { saveLegalConfirmation } from "@/lib/crm/legal/letters";
import { createLegalFollowUp, LEGAL_VIEW_ROLES, listLegalCases, moveLegalCase } from "@/lib/crm/legal/cases";
import { listNotices, residentNotice, staffNotice } from "@/lib/crm/notices/queries";
import type { Db } from "@/lib/db/client";
import { acceptOrder } from "@/lib/tickets/commands";
import { arrearsWorld, days, payDue } from "../support/arrears";
import { createEstate, createUser, linkResident } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

async function tableCounts(db: Db, companyId: number) {
  const n = async (
    t:
      | typeof arrearsEpisodes
      | typeof ladderFirings
      | typeof crmNotices
      | typeof sentimentEntries
      | typeof workOrders
      | typeof legalCases
      | typeof notifications,
  ) => (await db.select({ n: count() }).from(t).where(eq(t.companyId, companyId)))[0].n;
  return {
    episodes: await n(arrearsEpisodes),
    firings: await n(ladderFirings),
    notices: await n(crmNotices),
    ledger: await n(sentimentEntries),
    orders: await n(workOrders),
    cases: await n(legalCases),
    inbox: await n(notifications),
  };
}

describe("CRM-EW arrears ladder (cron job)", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("15 months unpaid, replayed day by day: the ledger, notices, orders and legal case; a paid-up household restarts", async () => {
    const w = await arrearsWorld(db, 15);
    const [h0, h1, h2] = w.estate.households;
    // Paid up in advance, before the replayed range (a replay counts only money received by each day).
    await payDue(db, w.companyId, h1.id, "2026-12-31", "h1-all", new Date("2024-12-31T04:00:00Z"));
    // Today's behaviour of the 13-month step (the letter goes out at once): legal confirmation off.
    await saveLegalConfirmation(db, { companyId: w.companyId, userId: w.adminId }, false);
    const now = new Date("2026-04-10T02:00:00Z");
    for (const day of days("2025-01-01", "2026-04-05")) {
      if (day === "2025-05-20") await payDue(db, w.companyId, h2.id, day, "h2-catchup");
      await runArrearsLadder(db, w.company, day, now);
    }

    // Household 0: exactly the article's ladder.
    const ledger0 = await db
      .select({
        points: sentimentEntries.points,
        step: sentimentEntries.step,
        on: sentimentEntries.occurredOn,
        scoreAfter: sentimentEntries.scoreAfter,
      })
      .from(sentimentEntries)
      .where(eq(sentimentEntries.householdId, h0.id))
      .orderBy(asc(sentimentEntries.occurredOn), asc(sentimentEntries.id));
    expect(ledger0.map((e) => e.points)).toEqual([-1, -2, -3, -5, -5, -5, -10, -20]);
    expect(ledger0.map((e) => e.on)).toEqual([
      "2025-03-16",
      "2025-04-16",
      "2025-05-16",
      "2025-06-16",
      "2025-08-16",
      "2025-10-16",
      "2025-12-16",
      "2026-01-16",
    ]);
    expect(ledger0.at(-1)!.scoreAfter).toBe(49);
    const [score0] = await db.select().from(householdScores).where(eq(householdScores.householdId, h0.id));
    expect(score0.score).toBe(49);

    const notices0 = await db
      .select()
      .from(crmNotices)
      .where(eq(crmNotices.householdId, h0.id))
      .orderBy(asc(crmNotices.id));
    expect(notices0.map((n) => n.kind)).toEqual([
      "reminder",
      "reminder",
      "reminder",
      "payment_notice",
      "payment_notice",
      "payment_notice",
      "dunning_notice",
      "lawyer_letter",
    ]);
    const dunning = notices0[6];
    expect(dunning.snapshot.months).toHaveLength(12);
    expect(dunning.snapshot.totalFen).toBe(dunning.snapshot.months.reduce((s, m) => s + m.owedFen, 0));
    expect(dunning.snapshot.months[0]).toMatchObject({ period: "2025-01", dueDate: "2025-01-15" });

    // Notice numbers: per year, gapless, e.g. 催-2025-000001.
    const all = await db
      .select({ year: crmNotices.year, seq: crmNotices.seq, number: crmNotices.number })
      .from(crmNotices)
      .where(eq(crmNotices.companyId, w.companyId));
    for (const year of [2025, 2026]) {
      const seqs = all
        .filter((n) => n.year === year)
        .map((n) => n.seq)
        .sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    expect(all.map((n) => n.number)).toContain("催-2025-000001");

    // Orders with the step's recipients (butler; + supervisor; + project manager).
    const orders0 = await db
      .select({
        id: workOrders.id,
        type: workOrders.type,
        source: workOrders.source,
        status: workOrders.status,
        description: workOrders.description,
      })
      .from(workOrders)
      .where(eq(workOrders.householdId, h0.id))
      .orderBy(asc(workOrders.id));
    expect(orders0).toHaveLength(7);
    expect(orders0.every((o) => o.type === "collection" && o.source === "system" && o.status === "assigned")).toBe(
      true,
    );
    expect(orders0[0].description).toContain("电话");
    const assignees = await db
      .select({
        orderId: workOrderAssignees.workOrderId,
        role: workOrderAssignees.role,
        userId: workOrderAssignees.userId,
      })
      .from(workOrderAssignees)
      .where(
        inArray(
          workOrderAssignees.workOrderId,
          orders0.map((o) => o.id),
        ),
      )
      .orderBy(asc(workOrderAssignees.id));
    const rolesOf = orders0.map((o) => assignees.filter((a) => a.orderId === o.id).map((a) => a.role));
    expect(rolesOf).toEqual([
      ["butler"],
      ["butler"],
      ["butler", "supervisor"],
      ["butler", "supervisor"],
      ["butler", "supervisor"],
      ["butler", "supervisor", "project_manager"],
      ["butler", "supervisor", "project_manager"],
    ]);
    expect(assignees.filter((a) => a.role === "supervisor").every((a) => a.userId === w.supervisor.id)).toBe(true);
    expect(assignees.filter((a) => a.role === "project_manager").every((a) => a.userId === w.pm.id)).toBe(true);
    // Ladder orders go through the tickets' one writer, so each assignee gets the same dispatch
    // message as for any order: an inbox entry and an e-mail (before: the inbox entry only).
    const dispatchMail = await db
      .select({ key: outboxMessages.idempotencyKey, templateKey: outboxMessages.templateKey })
      .from(outboxMessages)
      .where(sql`${outboxMessages.idempotencyKey} like ${`dispatch:${orders0[0].id}:%`}`);
    expect(dispatchMail).toEqual([{ key: `dispatch:${orders0[0].id}:${w.butler.id}`, templateKey: "orderDispatched" }]);
    const dispatchInbox = await db
      .select({ userId: notifications.userId, kind: notifications.kind })
      .from(notifications)
      .where(
        sql`${notifications.kind} = 'order.dispatched' and json_extract(${notifications.payload}, '$.orderId') = ${orders0[5].id}`,
      );
    expect(dispatchInbox.map((n) => n.userId).sort()).toEqual([w.butler.id, w.supervisor.id, w.pm.id].sort());

    // Each assignee accepts separately.
    const m6 = orders0[2].id;
    expect((await acceptOrder(db, w.as.butler, m6)).allAccepted).toBe(false);
    expect((await acceptOrder(db, w.as.supervisor, m6)).allAccepted).toBe(true);

    // The legal case, and the legal department's and the resident's inboxes.
    const cases = await db.select().from(legalCases).where(eq(legalCases.householdId, h0.id));
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ status: "letter_sent", openedOn: "2026-01-16" });
    const legalInbox = await db.select().from(notifications).where(eq(notifications.userId, w.legal.id));
    expect(legalInbox).toEqual([
      expect.objectContaining({ kind: "arrears.legal_case", href: `/staff/legal/${cases[0].id}` }),
    ]);
    const residentInbox = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, w.resident.id), sql`${notifications.kind} like 'arrears.%'`));
    expect(residentInbox).toHaveLength(8);
    expect(residentInbox[0].href).toBe(`/notices/${notices0[0].id}`);
    // Each notice also goes out by the resident's channels through the outbox, once.
    const outbox = await db
      .select()
      .from(outboxMessages)
      .where(sql`${outboxMessages.idempotencyKey} like ${`crm-notice:%:${w.resident.id}:%`}`);
    const channels = [w.resident.email ? "email" : null, w.resident.phone ? "sms" : null].filter(Boolean).length;
    expect(channels).toBeGreaterThan(0);
    expect(outbox).toHaveLength(8 * channels);
    expect(outbox.every((m) => m.templateKey === "arrearsNotice" && m.status === "queued")).toBe(true);

    // Household 1 paid everything: nothing at all.
    expect(await db.$count(sentimentEntries, eq(sentimentEntries.householdId, h1.id))).toBe(0);
    expect(await db.$count(arrearsEpisodes, eq(arrearsEpisodes.householdId, h1.id))).toBe(0);

    // Household 2 caught up on 2025-05-20: the episode ended; the next one fired again from m3.
    const eps2 = await db
      .select()
      .from(arrearsEpisodes)
      .where(eq(arrearsEpisodes.householdId, h2.id))
      .orderBy(asc(arrearsEpisodes.id));
    expect(eps2.map((e) => [e.startedOn, e.endedOn])).toEqual([
      ["2025-01-16", "2025-05-20"],
      ["2025-06-16", null],
    ]);
    const fired2 = await db
      .select()
      .from(ladderFirings)
      .where(eq(ladderFirings.householdId, h2.id))
      .orderBy(asc(ladderFirings.id));
    expect(fired2.map((f) => `${f.episodeId === eps2[0].id ? 1 : 2}:${f.stepKey}@${f.occurrence}`)).toEqual([
      "1:m3@3",
      "1:m4@4",
      "1:m5@5",
      "2:m3@3",
      "2:m4@4",
      "2:m5@5",
      "2:m6@6",
      "2:m6@8",
      "2:m6@10",
    ]);

    // Running the last day again writes nothing.
    const before = await tableCounts(db, w.companyId);
    const again = await runArrearsLadder(db, w.company, "2026-04-05", now);
    expect({ ...again, households: 0 }).toEqual({
      households: 0,
      episodesStarted: 0,
      episodesEnded: 0,
      firings: 0,
      notices: 0,
      orders: 0,
      legalCases: 0,
    });
    expect(await tableCounts(db, w.companyId)).toEqual(before);

    // Access: the household's resident sees the notice; another household's resident does not.
    expect(await residentNotice(db, w.companyId, w.resident.id, notices0[0].id)).toMatchObject({
      number: notices0[0].number,
      householdName: h0.name,
    });
    const other = await createUser(db, w.companyId, ["resident"], "邻居");
    await linkResident(db, w.companyId, other.id, h1.id);
    expect(await residentNotice(db, w.companyId, other.id, notices0[0].id)).toBeNull();
    // Staff: the household's butler sees it; a butler of another building does not.
    const otherButler = await createUser(db, w.companyId, ["butler"], "别的管家");
    await createEstate(db, w.companyId, { n: 1, butlerId: otherButler.id });
    expect(
      await staffNotice(db, w.companyId, { userId: w.butler.id, roles: ["butler"] }, notices0[0].id),
    ).not.toBeNull();
    expect(
      await staffNotice(db, w.companyId, { userId: otherButler.id, roles: ["butler"] }, notices0[0].id),
    ).toBeNull();
    expect(await listNotices(db, w.companyId, { userId: otherButler.id, roles: ["butler"] }, {})).toHaveLength(0);
    expect(
      (await listNotices(db, w.companyId, { userId: w.butler.id, roles: ["butler"] }, { kind: "lawyer_letter" })).map(
        (n) => n.id,
      ),
    ).toEqual([notices0[7].id]);
    expect(
      await listNotices(db, w.companyId, { userId: w.butler.id, roles: ["butler"] }, { month: "2025-06" }),
    ).toHaveLength(1);

    // Legal dashboard: legal/admin/PM only; the case moves only along the allowed transitions.
    expect(hasAnyRole(["resident"], LEGAL_VIEW_ROLES)).toBe(false);
    expect(hasAnyRole(["technician"], LEGAL_VIEW_ROLES)).toBe(false);
    const legalViewer = { companyId: w.companyId, userId: w.legal.id, roles: ["legal" as const] };
    const listed = await listLegalCases(db, w.companyId, legalViewer);
    expect(listed.byStatus.letter_sent).toBe(1);
    const otherPm = await createUser(db, w.companyId, ["project_manager"], "别的项目经理");
    expect(
      (await listLegalCases(db, w.companyId, { userId: otherPm.id, roles: ["project_manager"] })).rows,
    ).toHaveLength(0);
    await expect(moveLegalCase(db, legalViewer, { id: cases[0].id, to: "filed", note: "跳过" })).rejects.toMatchObject({
      code: "validation",
    });
    expect(await db.$count(legalCaseEvents, eq(legalCaseEvents.caseId, cases[0].id))).toBe(1);
    await moveLegalCase(db, legalViewer, { id: cases[0].id, to: "negotiating", note: "住户来电协商" });
    const [moved] = await db.select().from(legalCases).where(eq(legalCases.id, cases[0].id));
    expect(moved.status).toBe("negotiating");
    expect(
      await db.$count(auditLog, and(eq(auditLog.companyId, w.companyId), eq(auditLog.action, "legal_case.move"))),
    ).toBe(1);
    const follow = await createLegalFollowUp(db, legalViewer, { id: cases[0].id, note: "整理欠费明细" });
    const [fo] = await db.select().from(workOrders).where(eq(workOrders.id, follow.id));
    expect(fo).toMatchObject({ type: "collection", status: "assigned", householdId: h0.id });
    // Another company's legal user cannot touch it.
    const stranger = await ticketWorld(db, { techs: [] });
    const strangerLegal = await createUser(db, stranger.companyId, ["legal"], "外司法务");
    await expect(
      moveLegalCase(
        db,
        { companyId: stranger.companyId, userId: strangerLegal.id, roles: ["legal"] },
        { id: cases[0].id, to: "closed", note: "x" },
      ),
    ).rejects.toMatchObject({ code: "not_found" });
  }, 120_000);

  it("two overlapping runs do what one run does; another company is untouched; first seen 7 behind gets m6 only", async () => {
    const a = await arrearsWorld(db, 7);
    const b = await arrearsWorld(db, 7);
    const now = new Date("2025-07-16T02:00:00Z");
    const [r1, r2] = await Promise.all([
      runArrearsLadder(db, a.company, "2025-07-16", now),
      runArrearsLadder(db, a.company, "2025-07-16", now),
    ]);
    expect(r1.firings + r2.firings).toBe(3);
    expect(r1.notices + r2.notices).toBe(3);
    expect(r1.episodesStarted + r2.episodesStarted).toBe(3);
    const fired = await db.select().from(ladderFirings).where(eq(ladderFirings.companyId, a.companyId));
    expect(fired.map((f) => `${f.stepKey}@${f.occurrence}`)).toEqual(["m6@6", "m6@6", "m6@6"]);
    const seqs = (
      await db.select({ seq: crmNotices.seq }).from(crmNotices).where(eq(crmNotices.companyId, a.companyId))
    )
      .map((n) => n.seq)
      .sort();
    expect(seqs).toEqual([1, 2, 3]);
    expect(await db.$count(sentimentEntries, eq(sentimentEntries.companyId, a.companyId))).toBe(3);
    expect(await db.$count(workOrders, eq(workOrders.companyId, a.companyId))).toBe(3);
    expect(await db.$count(workOrderAssignees, eq(workOrderAssignees.companyId, a.companyId))).toBe(6);
    expect(await tableCounts(db, b.companyId)).toEqual({
      episodes: 0,
      firings: 0,
      notices: 0,
      ledger: 0,
      orders: 0,
      cases: 0,
      inbox: 0,
    });
  });

  it("a failure inside a batch writes nothing of it; the next run does the work", async () => {
    const w = await arrearsWorld(db, 5);
    const h = w.estate.households[1].id;
    await db.run(
      sql.raw(
        `create trigger crm_test_fail before insert on crm_notices when new.household_id = ${h} begin select raise(abort, 'boom'); end`,
      ),
    );
    try {
      await expect(runArrearsLadder(db, w.company, "2025-05-16", new Date())).rejects.toThrow();
    } finally {
      await db.run(sql.raw("drop trigger crm_test_fail"));
    }
    expect(await tableCounts(db, w.companyId)).toEqual({
      episodes: 0,
      firings: 0,
      notices: 0,
      ledger: 0,
      orders: 0,
      cases: 0,
      inbox: 0,
    });
    expect(await db.$count(crmNotices, eq(crmNotices.companyId, w.companyId))).toBe(0);
    const r = await runArrearsLadder(db, w.company, "2025-05-16", new Date());
    expect(r).toMatchObject({ episodesStarted: 3, firings: 3, notices: 3, orders: 3 });
    const seqs = (
      await db.select({ seq: crmNotices.seq }).from(crmNotices).where(eq(crmNotices.companyId, w.companyId))
    )
      .map((n) => n.seq)
      .sort();
    expect(seqs).toEqual([1, 2, 3]);
  });
});
