import "server-only";
import { and, eq, or, sql } from "drizzle-orm";
import {
  communities,
  equipment,
  kbArticles,
  maintenancePlans,
  memberships,
  technicianSkills,
  users,
} from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { WorkOrderType } from "./rules";

/** What the catalog pages read: the knowledge base, equipment with its plans, technicians with their skills. */

// ── knowledge base ───────────────────────────────────────────────────────────

export async function listArticles(
  db: DbOrTx,
  companyId: number,
  opts: { q?: string; publicOnly?: boolean; type?: WorkOrderType } = {},
) {
  const q = opts.q?.trim();
  const esc = q?.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .select({
      id: kbArticles.id,
      title: kbArticles.title,
      category: kbArticles.category,
      body: kbArticles.body,
      public: kbArticles.public,
      workOrderTypes: kbArticles.workOrderTypes,
      updatedAt: kbArticles.updatedAt,
    })
    .from(kbArticles)
    .where(
      and(
        eq(kbArticles.companyId, companyId),
        eq(kbArticles.active, true),
        opts.publicOnly ? eq(kbArticles.public, true) : undefined,
        esc
          ? or(
              sql`${kbArticles.title} like ${`%${esc}%`} escape '\\'`,
              sql`${kbArticles.body} like ${`%${esc}%`} escape '\\'`,
            )
          : undefined,
        opts.type
          ? sql`exists (select 1 from json_each(${kbArticles.workOrderTypes}) where value = ${opts.type})`
          : undefined,
      ),
    )
    .orderBy(kbArticles.category, kbArticles.title)
    .limit(200);
}

export async function getArticle(db: DbOrTx, companyId: number, id: number, publicOnly = false) {
  const [row] = await db
    .select()
    .from(kbArticles)
    .where(
      and(
        eq(kbArticles.companyId, companyId),
        eq(kbArticles.id, id),
        eq(kbArticles.active, true),
        publicOnly ? eq(kbArticles.public, true) : undefined,
      ),
    );
  return row ?? null;
}

// ── equipment and plans ──────────────────────────────────────────────────────

export async function listEquipment(db: DbOrTx, companyId: number) {
  const [items, plans] = await Promise.all([
    db
      .select({
        id: equipment.id,
        name: equipment.name,
        kind: equipment.kind,
        location: equipment.location,
        communityName: communities.name,
      })
      .from(equipment)
      .innerJoin(communities, eq(communities.id, equipment.communityId))
      .where(and(eq(equipment.companyId, companyId), eq(equipment.active, true)))
      .orderBy(communities.name, equipment.name),
    db
      .select({
        id: maintenancePlans.id,
        equipmentId: maintenancePlans.equipmentId,
        title: maintenancePlans.title,
        every: maintenancePlans.every,
        interval: maintenancePlans.interval,
        startDate: maintenancePlans.startDate,
        leadDays: maintenancePlans.leadDays,
        checklist: maintenancePlans.checklist,
      })
      .from(maintenancePlans)
      .where(and(eq(maintenancePlans.companyId, companyId), eq(maintenancePlans.active, true)))
      .orderBy(maintenancePlans.id),
  ]);
  return items.map((e) => ({ ...e, plans: plans.filter((p) => p.equipmentId === e.id) }));
}

/** Technicians with their skills, for the admin page. */
export async function listTechnicians(db: DbOrTx, companyId: number) {
  const [people, skills] = await Promise.all([
    db
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.companyId, companyId), eq(memberships.role, "technician"), eq(users.active, true)))
      .orderBy(users.name),
    db
      .select({ userId: technicianSkills.userId, category: technicianSkills.category })
      .from(technicianSkills)
      .where(eq(technicianSkills.companyId, companyId)),
  ]);
  return people.map((p) => ({ ...p, skills: skills.filter((s) => s.userId === p.id).map((s) => s.category) }));
}
