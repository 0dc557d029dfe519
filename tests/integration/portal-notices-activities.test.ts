import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activitySignups, notifications, outboxMessages, portalNoticeReads } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import { cancelSignup, residentActivity, signUp } from "@/lib/portal/activities";
import { checkIn, createActivity, staffActivity } from "@/lib/portal/activities-staff";
import {
  createNotice,
  markNoticeRead,
  residentNotice,
  residentNotices,
  staffNotices,
  unreadEmergencies,
} from "@/lib/portal/notices";
import type { Db } from "@/lib/db/client";
import { createUser } from "../support/fixtures";
import { createPortalEstate } from "../support/portal";
import { createTestDb } from "../support/test-db";

const NOW = new Date("2026-11-20T02:00:00Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);
const HOUR = 3600_000;

describe("announcements", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  it("shows published notices of the resident's community only; unpublished or foreign ones are not found", async () => {
    const e = await createPortalEstate(db, 2);
    const other = await createPortalEstate(db, 1);
    const staff = { companyId: e.companyId, userId: e.frontDesk.id, roles: ["front_desk" as const] };
    const now = await createNotice(
      db,
      staff,
      { communityId: e.community.id, title: "停水通知", body: "明天停水", pinned: true, emergency: true },
      NOW,
    );
    const scheduled = await createNotice(
      db,
      staff,
      {
        communityId: e.community.id,
        title: "下周活动",
        body: "…",
        pinned: false,
        emergency: false,
        publishAt: later(HOUR),
      },
      NOW,
    );
    const foreign = await createNotice(
      db,
      { companyId: other.companyId, userId: other.frontDesk.id, roles: ["front_desk"] },
      { communityId: other.community.id, title: "别家", body: "x", pinned: false, emergency: false },
      NOW,
    );
    const r = e.residents[0].id;
    expect((await residentNotices(db, e.companyId, r, NOW)).map((n) => n.id)).toEqual([now.id]);
    expect(await residentNotice(db, e.companyId, r, scheduled.id, NOW)).toBeNull();
    expect(await residentNotice(db, e.companyId, r, foreign.id, NOW)).toBeNull();
    expect(await residentNotice(db, other.companyId, r, foreign.id, NOW)).toBeNull();
    // Published at read time: an hour later it shows, no cron needed.
    expect((await residentNotices(db, e.companyId, r, later(HOUR))).map((n) => n.id)).toEqual([now.id, scheduled.id]);
    await expect(markNoticeRead(db, e.companyId, r, scheduled.id, NOW)).rejects.toMatchObject({ code: "not_found" });
    await expect(markNoticeRead(db, e.companyId, r, foreign.id, NOW)).rejects.toMatchObject({ code: "not_found" });
    expect(await db.$count(portalNoticeReads, eq(portalNoticeReads.userId, r))).toBe(0);
  });

  it("the emergency banner lasts until read; read rate = readers ÷ resident accounts", async () => {
    const e = await createPortalEstate(db, 4);
    const staff = { companyId: e.companyId, userId: e.frontDesk.id, roles: ["front_desk" as const] };
    const n = await createNotice(
      db,
      staff,
      { communityId: e.community.id, title: "燃气泄漏", body: "请勿用火", pinned: false, emergency: true },
      NOW,
    );
    const [a, b] = e.residents;
    expect((await unreadEmergencies(db, e.companyId, a.id, NOW)).map((x) => x.id)).toEqual([n.id]);
    await markNoticeRead(db, e.companyId, a.id, n.id, NOW);
    await markNoticeRead(db, e.companyId, a.id, n.id, NOW); // idempotent
    expect(await unreadEmergencies(db, e.companyId, a.id, NOW)).toEqual([]);
    expect((await unreadEmergencies(db, e.companyId, b.id, NOW)).length).toBe(1);
    const [row] = await staffNotices(db, e.companyId, [e.community.id]);
    expect(row).toMatchObject({ id: n.id, readers: 1, residents: 4, readRate: 0.25 });
  });

  it("staff write only for their own communities", async () => {
    const e = await createPortalEstate(db, 1);
    const butler = await createUser(db, e.companyId, ["butler"], "管家");
    await expect(
      createNotice(
        db,
        { companyId: e.companyId, userId: butler.id, roles: ["butler"] },
        { communityId: e.community.id, title: "t", body: "b", pinned: false, emergency: false },
        NOW,
      ),
    ).rejects.toBeInstanceOf(AppError);
  });
});

describe("activities", () => {
  let db: Db;
  beforeAll(async () => {
    db = (await createTestDb()).db;
  });

  async function event(seats: number, n = 4) {
    const e = await createPortalEstate(db, n);
    const activity = await createActivity(
      db,
      { companyId: e.companyId, userId: e.frontDesk.id, roles: ["front_desk"], timeZone: "Asia/Shanghai" },
      {
        communityId: e.community.id,
        title: "包饺子",
        description: "一起包饺子",
        place: "会所",
        startsAt: "2026-11-28T14:00",
        endsAt: "2026-11-28T16:00",
        signupDeadline: "2026-11-27T20:00",
        capacity: seats,
      },
    );
    return { ...e, activity };
  }

  it("stores local times in the company's time zone", async () => {
    const e = await event(1, 1);
    expect(e.activity.startsAt.toISOString()).toBe("2026-11-28T06:00:00.000Z");
    expect(e.activity.signupDeadline.toISOString()).toBe("2026-11-27T12:00:00.000Z");
  });

  it("two residents racing for the last seat: one gets it, the other waits", async () => {
    for (let round = 0; round < 5; round++) {
      const e = await event(1, 2);
      const results = await Promise.all(e.residents.map((r) => signUp(db, e.companyId, r.id, e.activity.id, NOW)));
      expect(results.sort()).toEqual(["confirmed", "waiting"]);
      const rows = await db.select().from(activitySignups).where(eq(activitySignups.activityId, e.activity.id));
      expect(rows.filter((s) => s.status === "confirmed").length).toBe(1);
    }
  });

  it("many at once never exceed the capacity", async () => {
    const e = await event(3, 10);
    const results = await Promise.all(e.residents.map((r) => signUp(db, e.companyId, r.id, e.activity.id, NOW)));
    expect(results.filter((s) => s === "confirmed").length).toBe(3);
    expect(results.filter((s) => s === "waiting").length).toBe(7);
  });

  it("a cancellation promotes the first waiting person, who is notified", async () => {
    const e = await event(1, 3);
    const [a, b, c] = e.residents;
    expect(await signUp(db, e.companyId, a.id, e.activity.id, NOW)).toBe("confirmed");
    expect(await signUp(db, e.companyId, b.id, e.activity.id, later(1000))).toBe("waiting");
    expect(await signUp(db, e.companyId, c.id, e.activity.id, later(2000))).toBe("waiting");
    expect((await residentActivity(db, e.companyId, c.id, e.activity.id))?.myPosition).toBe(2);
    expect(await signUp(db, e.companyId, b.id, e.activity.id, later(3000))).toBe("waiting"); // twice: unchanged
    expect(await cancelSignup(db, e.companyId, a.id, e.activity.id, later(4000))).toEqual([b.id]);
    expect((await residentActivity(db, e.companyId, b.id, e.activity.id))?.myStatus).toBe("confirmed");
    expect((await residentActivity(db, e.companyId, c.id, e.activity.id))?.myPosition).toBe(1);
    const notes = await db.select().from(notifications).where(eq(notifications.userId, b.id));
    expect(notes.map((n) => n.kind)).toEqual(["portal.activity.promoted"]);
    const mail = await db.select().from(outboxMessages).where(eq(outboxMessages.to, b.email!));
    expect(mail).toMatchObject([{ templateKey: "activityPromoted", channel: "email", params: { title: "包饺子" } }]);
    // a signs up again: to the back of the queue.
    expect(await signUp(db, e.companyId, a.id, e.activity.id, later(5000))).toBe("waiting");
    // A waiting person cancelling promotes nobody.
    expect(await cancelSignup(db, e.companyId, c.id, e.activity.id, later(6000))).toEqual([]);
  });

  it("refuses after the deadline and past the start; nothing written", async () => {
    const e = await event(5, 1);
    const afterDeadline = new Date("2026-11-27T12:00:01Z");
    await expect(signUp(db, e.companyId, e.residents[0].id, e.activity.id, afterDeadline)).rejects.toMatchObject({
      fieldErrors: { _form: ["portal.errors.deadlinePassed"] },
    });
    expect(await db.$count(activitySignups, eq(activitySignups.activityId, e.activity.id))).toBe(0);
  });

  it("another company's resident gets not found", async () => {
    const e = await event(5, 1);
    const other = await createPortalEstate(db, 1);
    await expect(signUp(db, other.companyId, other.residents[0].id, e.activity.id, NOW)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(signUp(db, e.companyId, other.residents[0].id, e.activity.id, NOW)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await residentActivity(db, other.companyId, other.residents[0].id, e.activity.id)).toBeNull();
  });

  it("staff check in confirmed participants on the day; attendance counts", async () => {
    const e = await event(1, 2);
    await signUp(db, e.companyId, e.residents[0].id, e.activity.id, NOW);
    await signUp(db, e.companyId, e.residents[1].id, e.activity.id, NOW);
    const staff = { companyId: e.companyId, userId: e.frontDesk.id, roles: ["front_desk" as const] };
    const roster = (await staffActivity(db, e.companyId, [e.community.id], e.activity.id))!;
    const [confirmed, waiting] = roster.signups;
    expect([confirmed.status, waiting.status]).toEqual(["confirmed", "waiting"]);
    await expect(checkIn(db, staff, confirmed.id, NOW)).rejects.toMatchObject({
      fieldErrors: { _form: ["portal.errors.checkInClosed"] },
    });
    const onTheDay = new Date("2026-11-28T06:30:00Z");
    await expect(checkIn(db, staff, waiting.id, onTheDay)).rejects.toMatchObject({
      fieldErrors: { _form: ["portal.errors.notConfirmed"] },
    });
    await checkIn(db, staff, confirmed.id, onTheDay);
    const after = (await staffActivity(db, e.companyId, [e.community.id], e.activity.id))!;
    expect(Number(after.activity.checkedIn)).toBe(1);
    expect(Number(after.activity.confirmed)).toBe(1);
    expect(Number(after.activity.waiting)).toBe(1);
  });
});
