import { and, count, eq, isNotNull, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { crmNotices, goldBadges, householdScores, households, legalCases, sentimentEntries, visits } from "@/db/schema";
import { seedDemo } from "@/scripts/seed/index";
import { seedBilling } from "@/scripts/seed/billing";
import { seedDemoCrm } from "@/scripts/seed/crm";
import { bandOf } from "@/lib/crm/bands";
import { verifyCompany } from "@/lib/crm/ledger/verify";
import { createTestDb } from "../support/test-db";

// Heavy (seeds or escalates hundreds of rows): generous on a loaded machine — the CRM history took 54 s with both cores busy.
describe("CRM-EW demo history", { timeout: 240_000 }, () => {
  it("is derived by replaying the seeded months through the cron's jobs: every band, every notice kind, gold badges, legal cases; verify finds nothing; a second run writes nothing", async () => {
    const { db } = await createTestDb();
    const { companyId } = await seedDemo(db, {
      households: 600,
      passwordHash: "$argon2id$not-a-real-hash",
      reset: true,
    });
    await seedBilling(db, companyId, {});
    const first = await seedDemoCrm(db, companyId);
    expect(first.status).toBe("created");

    const [{ n: all }] = await db.select({ n: count() }).from(households).where(eq(households.companyId, companyId));
    const scored = await db
      .select({ score: householdScores.score })
      .from(householdScores)
      .where(eq(householdScores.companyId, companyId));
    const bands = new Set([
      ...scored.map((s) => bandOf(s.score)),
      ...(scored.length < all ? ["excellent" as const] : []),
    ]);
    expect([...bands].sort()).toEqual(["critical", "excellent", "fair", "good", "poor"]);

    const kinds = await db
      .selectDistinct({ kind: crmNotices.kind })
      .from(crmNotices)
      .where(eq(crmNotices.companyId, companyId));
    expect(kinds.map((k) => k.kind).sort()).toEqual(["dunning_notice", "lawyer_letter", "payment_notice", "reminder"]);
    // Older lawyer's letters were confirmed by the legal user (SPEC §12); only the last month's may still wait.
    const waiting = await db
      .select({ issuedOn: crmNotices.issuedOn })
      .from(crmNotices)
      .where(and(eq(crmNotices.companyId, companyId), eq(crmNotices.awaitingConfirmation, true)));
    const monthAgo = new Date(Date.now() - 32 * 86_400_000).toISOString().slice(0, 10);
    expect(waiting.filter((n) => n.issuedOn < monthAgo)).toEqual([]);
    expect(
      await db.$count(
        crmNotices,
        and(
          eq(crmNotices.companyId, companyId),
          eq(crmNotices.kind, "lawyer_letter"),
          isNotNull(crmNotices.confirmedAt),
        ),
      ),
    ).toBeGreaterThan(0);
    expect(
      await db.$count(goldBadges, and(eq(goldBadges.companyId, companyId), isNull(goldBadges.expiredAt))),
    ).toBeGreaterThan(0);
    expect(await db.$count(legalCases, eq(legalCases.companyId, companyId))).toBeGreaterThan(0);
    expect(await db.$count(visits, eq(visits.companyId, companyId))).toBeGreaterThan(0);
    expect(
      await db.$count(
        sentimentEntries,
        and(eq(sentimentEntries.companyId, companyId), eq(sentimentEntries.rule, "complaint")),
      ),
    ).toBeGreaterThan(0);

    const v = await verifyCompany(db, companyId);
    expect(v.mismatchedEntries + v.mismatchedScores).toBe(0);
    expect(v.entries).toBeGreaterThan(0);

    const entries = await db.$count(sentimentEntries, eq(sentimentEntries.companyId, companyId));
    expect((await seedDemoCrm(db, companyId)).status).toBe("exists");
    expect(await db.$count(sentimentEntries, eq(sentimentEntries.companyId, companyId))).toBe(entries);
    // The replay of 600 households' months over a sqld server takes minutes on a loaded 2-core machine.
  }, 300_000);
});
