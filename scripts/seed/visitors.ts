import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { residentLinks, users, visitorPasses } from "../../db/schema";
import type { Db } from "../../lib/db/client";
import { dateToZonedLocal } from "../../lib/time/zone";
import { admitPass, createPass } from "../../lib/visitors/commands";
import { createPassSchema } from "../../lib/visitors/schemas";
import { DEMO_LOGINS } from "./demo-logins";

const HOUR = 3_600_000;
const email = (role: string) => DEMO_LOGINS.find((l) => l.role === role)!.email;

/**
 * Demo only: the demo resident's visitor passes — one valid now, a multi-entry pass the front desk
 * has admitted once, and last week's used one-time pass. Idempotent: skipped when the company has passes.
 */
export async function seedDemoVisitors(db: Db, companyId: number, now: Date, timeZone = "Asia/Shanghai") {
  const [existing] = await db
    .select({ id: visitorPasses.id })
    .from(visitorPasses)
    .where(eq(visitorPasses.companyId, companyId))
    .limit(1);
  if (existing) return 0;
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, [email("resident"), email("front_desk")]));
  const resident = people.find((p) => p.email === email("resident"));
  const desk = people.find((p) => p.email === email("front_desk"));
  if (!resident || !desk) return 0;
  const [link] = await db
    .select({ householdId: residentLinks.householdId })
    .from(residentLinks)
    .where(and(eq(residentLinks.companyId, companyId), eq(residentLinks.userId, resident.id)))
    .limit(1);
  if (!link) return 0;
  const ctx = { companyId, userId: resident.id, timeZone };
  const local = (ms: number) => dateToZonedLocal(new Date(ms), timeZone);
  const start = Math.floor(now.getTime() / HOUR) * HOUR;
  const pass = (visitorName: string, plate: string, from: number, until: number, kind: "once" | "multi") =>
    createPass(
      db,
      ctx,
      createPassSchema.parse({
        householdId: link.householdId,
        visitorName,
        plate,
        validFrom: local(from),
        validUntil: local(until),
        kind,
        maxEntries: kind === "multi" ? "5" : "",
      }),
      now,
    );
  await pass("陈阿姨", "", start, start + 6 * HOUR, "once");
  const cleaner = await pass("周师傅", "沪A88K21", start - 24 * HOUR, start + 5 * 24 * HOUR, "multi");
  await admitPass(db, { companyId, userId: desk.id }, cleaner.token, now);
  // Last week's pass, made and used then (createPass refuses a window already past).
  const weekAgo = now.getTime() - 7 * 24 * HOUR;
  const [old] = await db
    .insert(visitorPasses)
    .values({
      companyId,
      householdId: link.householdId,
      communityId: cleaner.communityId,
      createdByUserId: resident.id,
      token: randomBytes(24).toString("base64url"),
      visitorName: "Tom Baker",
      plate: "粤B5D123",
      validFrom: new Date(weekAgo - HOUR),
      validUntil: new Date(weekAgo + 3 * HOUR),
      maxEntries: 1,
      createdAt: new Date(weekAgo - 2 * HOUR),
    })
    .returning();
  await admitPass(db, { companyId, userId: desk.id }, old.token, new Date(weekAgo));
  return 3;
}
