import { beforeAll, describe, expect, it } from "vitest";
import { arrearsEpisodes, legalCases } from "@/db/schema";
import { createLegalFollowUp, openCasesByDeadline } from "@/lib/crm/legal/cases";
import type { LegalCaseStatus } from "@/lib/crm/rules/arrears";
import type { Db } from "@/lib/db/client";
import { createUser } from "../support/fixtures";
import { createTestDb } from "../support/test-db";
import { ticketWorld } from "../support/tickets";

const now = new Date("2026-12-06T04:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

describe("legal workbench: next deadline per case", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  async function legalCase(companyId: number, householdId: number, status: LegalCaseStatus) {
    const [ep] = await db
      .insert(arrearsEpisodes)
      // A closed case's episode has ended (one open episode per household).
      .values({ companyId, householdId, startedOn: "2025-10-01", endedOn: status === "settled" ? "2026-06-01" : null })
      .returning();
    const [c] = await db
      .insert(legalCases)
      .values({ companyId, householdId, episodeId: ep.id, openedOn: "2026-11-01", status, updatedAt: now })
      .returning();
    return c.id;
  }

  it("open cases only, the viewer's company only, soonest follow-up deadline first, cases without one last", async () => {
    const w = await ticketWorld(db);
    const other = await ticketWorld(db);
    const legal = await createUser(db, w.companyId, ["legal"], "法务");
    const viewer = { companyId: w.companyId, userId: legal.id, roles: ["legal" as const] };
    const [h0, h1, h2] = w.estate.households;
    const later = await legalCase(w.companyId, h0.id, "letter_sent");
    const sooner = await legalCase(w.companyId, h1.id, "negotiating");
    const none = await legalCase(w.companyId, h2.id, "filed");
    const settled = await legalCase(w.companyId, h0.id, "settled");
    await legalCase(other.companyId, other.estate.households[0].id, "letter_sent");
    await createLegalFollowUp(db, viewer, { id: later, note: "later" }, hoursAgo(1));
    await createLegalFollowUp(db, viewer, { id: sooner, note: "sooner" }, hoursAgo(3));
    const rows = await openCasesByDeadline(db, w.companyId, { userId: legal.id, roles: ["legal"] }, now);
    expect(rows.map((r) => r.id)).toEqual([sooner, later, none]);
    expect(rows[0].nextDeadline).toBeInstanceOf(Date);
    expect(rows[0].nextDeadline!.getTime()).toBeLessThan(rows[1].nextDeadline!.getTime());
    expect(rows[2].nextDeadline).toBeNull();
    expect(rows.map((r) => r.id)).not.toContain(settled);
  });
});
