import { and, eq, inArray } from "drizzle-orm";
import { crmSettings, notifications, residentLinks, users } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { enqueueForUser } from "@/lib/outbox/enqueue";
import { chunk } from "@/lib/db/chunk";
import { env } from "@/lib/env";

/**
 * Delivering a ladder notice to the household's residents: an inbox entry each and a message
 * by the configured channels (e-mail / SMS through the outbox). Used by the daily ladder and by
 * legal's confirmation of a withheld lawyer's letter. Idempotent per notice and resident on the
 * outbox side (crm-notice:<notice>:<user>); callers make sure the inbox runs once per notice.
 */

export const noticeHref = (id: number) => `/notices/${id}`;

export interface NoticeToDeliver {
  noticeId: number;
  number: string;
  kind: string;
  householdId: number;
  householdName: string;
  months: number;
  owedFen: number;
}

/** Approved residents of the households (one indexed query). */
export async function residentsOf(db: DbOrTx, companyId: number, householdIds: readonly number[]) {
  const out = new Map<number, number[]>();
  if (!householdIds.length) return out;
  const links = await db
    .select({ householdId: residentLinks.householdId, userId: residentLinks.userId })
    .from(residentLinks)
    .where(
      and(
        eq(residentLinks.companyId, companyId),
        eq(residentLinks.status, "approved"),
        inArray(residentLinks.householdId, [...householdIds]),
      ),
    );
  for (const l of links) out.set(l.householdId, [...new Set([...(out.get(l.householdId) ?? []), l.userId])]);
  return out;
}

export async function deliverNotices(
  tx: DbOrTx,
  companyId: number,
  notices: readonly NoticeToDeliver[],
  residents: Map<number, number[]>,
  now: Date,
) {
  const inbox = notices.flatMap((n) =>
    (residents.get(n.householdId) ?? []).map((userId) => ({
      companyId,
      userId,
      kind: `arrears.${n.kind}`,
      payload: { noticeId: n.noticeId, number: n.number, kind: n.kind },
      href: noticeHref(n.noticeId),
      createdAt: now,
    })),
  );
  for (const part of chunk(inbox, 400)) await tx.insert(notifications).values(part);
  const recipientIds = [...new Set(inbox.map((m) => m.userId))];
  if (!recipientIds.length) return;
  const contacts = new Map<number, { email: string | null; phone: string | null; locale: string | null }>();
  for (const ids of chunk(recipientIds, 400))
    for (const u of await tx
      .select({ id: users.id, email: users.email, phone: users.phone, locale: users.locale })
      .from(users)
      .where(inArray(users.id, ids)))
      contacts.set(u.id, u);
  const base = (env.NEXTAUTH_URL ?? "").replace(/\/$/, "");
  for (const n of notices) {
    for (const userId of residents.get(n.householdId) ?? []) {
      const contact = contacts.get(userId);
      if (!contact) continue;
      await enqueueForUser(
        tx,
        contact,
        {
          companyId,
          templateKey: "arrearsNotice",
          params: {
            number: n.number,
            household: n.householdName,
            months: n.months,
            owedFen: n.owedFen,
            link: `${base}${noticeHref(n.noticeId)}`,
          },
          idempotencyKey: `crm-notice:${n.noticeId}:${userId}`,
        },
        now,
      );
    }
  }
}

/** Whether the company's 13-month lawyer's letter waits for legal's confirmation (default: yes). */
export async function legalConfirmationOn(db: DbOrTx, companyId: number): Promise<boolean> {
  const [row] = await db
    .select({ on: crmSettings.legalConfirmation })
    .from(crmSettings)
    .where(eq(crmSettings.companyId, companyId));
  return row?.on ?? true;
}
