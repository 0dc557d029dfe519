import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assessments, attendanceEntries, staffRecords, trainingEnrolments, users } from "@/db/schema";
import { seedDemoAssessments } from "@/scripts/seed/hr";
import { DEMO_LOGINS, seedDemo } from "@/scripts/seed/index";
import { listStaffRecords } from "@/lib/hr/queries";
import { isWorkday } from "@/lib/hr/rules";
import { createTestDb } from "../support/test-db";
import { localParts } from "@/lib/time/zone";

// Heavy (seeds or escalates hundreds of rows): generous on a loaded machine — the CRM history took 54 s with both cores busy.
describe("HR demo seed", { timeout: 240_000 }, () => {
  it("gives every demo staff login one record, deterministically, and a second run writes nothing", async () => {
    const { db } = await createTestDb();
    const opts = { households: 200, passwordHash: "$argon2id$not-a-real-hash" };
    const { companyId } = await seedDemo(db, { ...opts, reset: true });
    const records = await listStaffRecords(db, companyId);
    const staffLogins = DEMO_LOGINS.filter((l) => l.role !== "resident");
    for (const login of staffLogins) {
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, login.email));
      const mine = records.filter((r) => r.userId === user.id);
      expect(mine, login.email).toHaveLength(1);
      expect(mine[0].roles).toContain(login.role);
      expect(mine[0].status).toBe("active");
    }
    expect(records[0].employeeNo).toBe("E0001");
    expect(new Set(records.map((r) => r.employeeNo)).size).toBe(records.length);
    const butler = records.find((r) => r.email === "butler@demo.guanjia.cn");
    expect(butler?.communityName).toBeTruthy();
    expect(butler?.position).toBe("管家");

    // 30 days of clock entries before today and today's until now, on workdays only.
    const clocks = await db
      .select({ workDate: attendanceEntries.workDate, kind: attendanceEntries.kind, at: attendanceEntries.at })
      .from(attendanceEntries)
      .where(eq(attendanceEntries.companyId, companyId));
    expect(clocks.filter((c) => c.kind === "in").length).toBeGreaterThan(records.length * 15);
    const today = localParts(new Date(), "Asia/Shanghai").date;
    expect(clocks.length).toBeGreaterThan(0);
    expect(clocks.every((c) => c.workDate <= today && isWorkday(c.workDate))).toBe(true);
    expect(clocks.every((c) => c.at.getTime() <= Date.now())).toBe(true);

    // Training with completions; last quarter's reviews computed (not seeded) and written once.
    const enrolled = await db
      .select({ n: count() })
      .from(trainingEnrolments)
      .where(eq(trainingEnrolments.companyId, companyId));
    expect(enrolled[0].n).toBeGreaterThan(records.length);
    const reviews = await seedDemoAssessments(db, companyId, new Date());
    expect(reviews).toBeGreaterThanOrEqual(3);
    expect(await seedDemoAssessments(db, companyId, new Date())).toBe(0);
    const [review] = await db
      .select()
      .from(assessments)
      .where(and(eq(assessments.companyId, companyId), eq(assessments.role, "butler")))
      .limit(1);
    expect(review.kpis.households).toBeGreaterThan(0);
    expect(review.status).toBe("final");

    expect((await seedDemo(db, opts)).status).toBe("exists");
    const [again] = await db
      .select({ n: count() })
      .from(staffRecords)
      .where(and(eq(staffRecords.companyId, companyId)));
    expect(again.n).toBe(records.length);
  });
});
