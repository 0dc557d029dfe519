import { randomBytes, randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { consentRecords, memberships, users } from "../../../db/schema";
import { hashPassword } from "../../../lib/auth/password";
import { PRIVACY_NOTICE_VERSION } from "../../../lib/privacy/rules";
import { createOrder } from "../../../lib/tickets/create";
import { withE2eDb } from "../support/db";
import { demo } from "../support/demo";
import { createTestHousehold } from "../support/households";

/**
 * A technician of the demo company created for the calling test alone, with orders dispatched to
 * them whose acceptance deadlines are `acceptInMinutes` from now (negative: already overdue).
 */
export async function technicianWithOrders(acceptInMinutes: number[]) {
  return withE2eDb(async (db) => {
    const h = await createTestHousehold(db.$client, { butlerPhone: demo("butler").phone });
    const tag = randomBytes(4).toString("hex");
    const password = `Pw-${tag}-2026`;
    const phone = `136${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
    const [tech] = await db
      .insert(users)
      .values({
        name: `维修${tag.slice(0, 4)}`,
        phone,
        email: `tech-${tag}@e2e.guanjia.test`,
        passwordHash: await hashPassword(password),
      })
      .returning();
    await db.insert(memberships).values({ companyId: h.companyId, userId: tech.id, role: "technician" });
    await db.insert(consentRecords).values({
      companyId: h.companyId,
      userId: tech.id,
      document: "privacy_notice",
      version: PRIVACY_NOTICE_VERSION,
    });
    const [admin] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.phone, demo("admin").phone));
    const now = Date.now();
    const orders: number[] = [];
    for (const [i, minutes] of acceptInMinutes.entries()) {
      const o = await createOrder(
        db,
        { companyId: h.companyId, userId: admin.id },
        {
          type: "repair",
          source: "staff",
          householdId: h.householdId,
          communityId: h.communityId,
          repairCategory: "plumbing",
          description: `工作台测试 ${tag} #${i + 1}`,
          acceptDueAt: new Date(now + minutes * 60_000),
          resolveDueAt: new Date(now + (minutes + 24 * 60) * 60_000),
          assignees: [{ userId: tech.id, role: "technician" }],
        },
        new Date(now - 60 * 60_000),
      );
      orders.push(o.id);
    }
    return { phone, password, orders, techId: tech.id };
  });
}

/** The demo company's user id of a demo login. */
export async function demoUserId(role: Parameters<typeof demo>[0]): Promise<number> {
  return withE2eDb(async (db) => {
    const [u] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.phone, demo(role).phone));
    return u.id;
  });
}
