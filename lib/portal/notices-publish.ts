import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import { buildings, companies, householdUnits, portalNotices, residentLinks, units, users } from "@/db/schema";
import type { Db, DbOrTx } from "@/lib/db/client";
import { enqueueForUser } from "@/lib/outbox/enqueue";

/** Announcements announced per tick; the rest wait for the next minute. */
const NOTICES_PER_TICK = 20;

/** The resident accounts (approved links) of one community, with their addresses. */
async function communityResidents(db: DbOrTx, companyId: number, communityId: number) {
  return db
    .selectDistinct({ id: users.id, email: users.email, phone: users.phone, locale: users.locale })
    .from(residentLinks)
    .innerJoin(
      householdUnits,
      and(
        eq(householdUnits.householdId, residentLinks.householdId),
        eq(householdUnits.companyId, companyId),
        isNull(householdUnits.toDate),
      ),
    )
    .innerJoin(units, eq(units.id, householdUnits.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(users, eq(users.id, residentLinks.userId))
    .where(
      and(
        eq(residentLinks.companyId, companyId),
        eq(residentLinks.status, "approved"),
        eq(buildings.communityId, communityId),
      ),
    )
    .orderBy(asc(users.id));
}

/**
 * The minute tick's scheduled announcements (SPEC §3, §10). The resident inbox lists an
 * announcement from its publishAt on by itself (unread until opened), so going live writes no
 * inbox row of its own (it would show twice); an emergency one is also sent by e-mail, SMS and
 * WeChat (residents bound to the company's official account, when it has an emergency template)
 * to every resident account of its community, at once even in quiet hours (§13: emergencies reach every resident) the
 * minute it goes live, however long ago it was scheduled. The "anything due?" check is one
 * query on portal_notices_unnotified_idx. Each announcement is claimed (notified_at set) in the
 * transaction that queues its messages, so overlapping ticks tell each resident once.
 */
export async function announceDueNotices(db: Db, now: Date, companyIds?: readonly number[]) {
  const due = await db
    .select({
      id: portalNotices.id,
      companyId: portalNotices.companyId,
      communityId: portalNotices.communityId,
      title: portalNotices.title,
      body: portalNotices.body,
      emergency: portalNotices.emergency,
      company: companies.name,
    })
    .from(portalNotices)
    .innerJoin(companies, eq(companies.id, portalNotices.companyId))
    .where(
      and(
        isNull(portalNotices.notifiedAt),
        lte(portalNotices.publishAt, now),
        companyIds ? inArray(portalNotices.companyId, [...companyIds]) : undefined,
      ),
    )
    .orderBy(asc(portalNotices.publishAt), asc(portalNotices.id))
    .limit(NOTICES_PER_TICK);
  const out = { notices: 0, notified: 0, messages: 0 };
  for (const n of due) {
    const people = n.emergency ? await communityResidents(db, n.companyId, n.communityId) : [];
    const messages = await db.transaction(async (tx) => {
      const claimed = await tx
        .update(portalNotices)
        .set({ notifiedAt: now })
        .where(and(eq(portalNotices.id, n.id), isNull(portalNotices.notifiedAt)))
        .returning({ id: portalNotices.id });
      if (!claimed.length) return null;
      let queued = 0;
      if (n.emergency)
        for (const p of people)
          queued += await enqueueForUser(
            tx,
            p,
            {
              companyId: n.companyId,
              templateKey: "notice",
              params: { title: n.title, body: n.body, company: n.company },
              idempotencyKey: `notice:${n.id}:${p.id}`,
            },
            now,
          );
      return queued;
    });
    if (messages === null) continue;
    out.notices++;
    out.notified += people.length;
    out.messages += messages;
  }
  return out;
}
