import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, residentLinks } from "@/db/schema";
import type { Db } from "@/lib/db/client";
import { residentHouseholds } from "@/lib/registry/queries";
import { removeResidentLink } from "@/lib/residents/commands";
import { residentHome } from "@/lib/residents/home";
import { createCompany, createUser } from "../support/fixtures";
import { addLink, createCodedEstate } from "../support/residents-fixtures";
import { createTestDb } from "../support/test-db";

describe("an owner manages the people linked to the household", () => {
  let db: Db;
  let company: Awaited<ReturnType<typeof createCompany>>;
  let estate: Awaited<ReturnType<typeof createCodedEstate>>;

  beforeAll(async () => {
    db = (await createTestDb()).db;
    company = await createCompany(db);
    estate = await createCodedEstate(db, company.companyId, { n: 12 });
  });

  /** A household of its own with an owner, a family member and a tenant, all approved. */
  let nextHousehold = 0;
  async function family() {
    const householdId = estate.households[nextHousehold++].id;
    const [owner, member, tenant] = await Promise.all([
      createUser(db, company.companyId, ["resident"], "业主"),
      createUser(db, company.companyId, ["resident"], "家人"),
      createUser(db, company.companyId, ["resident"], "租客"),
    ]);
    const links = {
      owner: await addLink(db, company.companyId, owner.id, householdId, "owner"),
      member: await addLink(db, company.companyId, member.id, householdId, "family"),
      tenant: await addLink(db, company.companyId, tenant.id, householdId, "tenant"),
    };
    return { householdId, owner, member, tenant, links };
  }

  const statusOf = async (linkId: number) =>
    (await db.select({ s: residentLinks.status }).from(residentLinks).where(eq(residentLinks.id, linkId)))[0].s;

  it("an owner sees the others with masked phones; a family member sees no one", async () => {
    const f = await family();
    const [card] = (await residentHome(db, company.companyId, f.owner.id)).households;
    expect(card.others.map((o) => [o.linkId, o.name, o.relation])).toEqual([
      [f.links.member.id, "家人", "family"],
      [f.links.tenant.id, "租客", "tenant"],
    ]);
    expect(card.others[0].maskedPhone).toBe(`${f.member.phone?.slice(0, 3)}****${f.member.phone?.slice(-4)}`);
    expect((await residentHome(db, company.companyId, f.member.id)).households[0].others).toEqual([]);
  });

  it("an owner removes a family member: status removed, audit entry, and they no longer see the household", async () => {
    const f = await family();
    expect(await removeResidentLink(db, company.companyId, f.owner.id, f.links.member.id)).toEqual({
      linkId: f.links.member.id,
    });
    expect(await statusOf(f.links.member.id)).toBe("removed");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.companyId, company.companyId),
          eq(auditLog.action, "resident_link.remove"),
          eq(auditLog.entityId, String(f.links.member.id)),
        ),
      );
    expect(audit).toMatchObject({
      actorUserId: f.owner.id,
      before: { status: "approved", relation: "family" },
      after: { status: "removed" },
    });

    const home = await residentHome(db, company.companyId, f.member.id);
    expect(home).toEqual({ households: [], requests: [] });
    expect(await residentHouseholds(db, company.companyId, f.member.id)).toEqual([]);
    expect((await residentHome(db, company.companyId, f.owner.id)).households[0].others.map((o) => o.linkId)).toEqual([
      f.links.tenant.id,
    ]);
    // Removing again: it is no longer there to remove.
    await expect(removeResidentLink(db, company.companyId, f.owner.id, f.links.member.id)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("a family member or a tenant cannot remove anyone", async () => {
    const f = await family();
    for (const [actor, target] of [
      [f.member, f.links.tenant],
      [f.tenant, f.links.member],
      [f.member, f.links.owner],
    ] as const)
      await expect(removeResidentLink(db, company.companyId, actor.id, target.id)).rejects.toMatchObject({
        code: "forbidden",
        message: "residents.errors.onlyOwnerRemoves",
      });
    expect([
      await statusOf(f.links.owner.id),
      await statusOf(f.links.member.id),
      await statusOf(f.links.tenant.id),
    ]).toEqual(["approved", "approved", "approved"]);
  });

  it("an owner cannot remove a co-owner or themself; a pending owner cannot remove anyone", async () => {
    const f = await family();
    const coOwner = await createUser(db, company.companyId, ["resident"]);
    const coLink = await addLink(db, company.companyId, coOwner.id, f.householdId, "owner");
    await expect(removeResidentLink(db, company.companyId, f.owner.id, coLink.id)).rejects.toMatchObject({
      code: "forbidden",
      message: "residents.errors.cannotRemoveOwner",
    });
    await expect(removeResidentLink(db, company.companyId, f.owner.id, f.links.owner.id)).rejects.toMatchObject({
      code: "forbidden",
      message: "residents.errors.cannotRemoveSelf",
    });
    const hopeful = await createUser(db, company.companyId, ["resident"]);
    await addLink(db, company.companyId, hopeful.id, f.householdId, "owner", "pending");
    await expect(removeResidentLink(db, company.companyId, hopeful.id, f.links.tenant.id)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await statusOf(f.links.tenant.id)).toBe("approved");
  });

  it("an owner of another household, or anyone in another company, finds nothing to remove", async () => {
    const f = await family();
    const g = await family();
    await expect(removeResidentLink(db, company.companyId, g.owner.id, f.links.member.id)).rejects.toMatchObject({
      code: "not_found",
    });
    const other = await createCompany(db);
    await expect(removeResidentLink(db, other.companyId, f.owner.id, f.links.member.id)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await statusOf(f.links.member.id)).toBe("approved");
  });

  it("a resident sees only the households they have an approved link to", async () => {
    const resident = await createUser(db, company.companyId, ["resident"]);
    const [mine, asked, refused, left] = estate.households.slice(8, 12);
    await addLink(db, company.companyId, resident.id, mine.id, "tenant", "approved");
    const pending = await addLink(db, company.companyId, resident.id, asked.id, "owner", "pending");
    const rejected = await addLink(db, company.companyId, resident.id, refused.id, "family", "rejected");
    await addLink(db, company.companyId, resident.id, left.id, "family", "removed");
    const home = await residentHome(db, company.companyId, resident.id);
    expect(home.households.map((h) => h.householdId)).toEqual([mine.id]);
    expect(home.requests.map((r) => [r.linkId, r.status])).toEqual([
      [pending.id, "pending"],
      [rejected.id, "rejected"],
    ]);
    // Another company's id gives nothing at all.
    const other = await createCompany(db);
    expect(await residentHome(db, other.companyId, resident.id)).toEqual({ households: [], requests: [] });
  });
});
