import { and, eq, isNull } from "drizzle-orm";
import { cleaningAreas, communities, inspectionItems, inspectionTemplates, inspections } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit/commands";
import type { Db, DbOrTx } from "@/lib/db/client";
import { companyTimeZone } from "@/lib/tenancy/queries";
import { checkImages, insertAttachmentRows, withStoredImages, type UploadLike } from "@/lib/tickets/attachments";
import { createOrdersTx, type NewOrder } from "@/lib/tickets/create";
import { localDate } from "@/lib/time/zone";
import { DEFECT_TEXT_KEY, TEAM_ORDER_TYPE, defectDueAt, scoreInspection } from "./inspection-rules";
import type { InspectInput, TemplateInput } from "./inspection-schemas";

/**
 * Quality-inspection writes (issue 19 point 3): templates (audited configuration) and the
 * inspection a supervisor submits from the phone — inspection, item scores and one work order
 * per defect (with its photo) in one transaction, idempotent on the phone's request id.
 */

/** Creates or edits a template (its items are copied into each inspection, so an edit changes no past score). */
export async function saveTemplate(db: Db, actor: Actor, input: TemplateInput) {
  const { id, ...values } = input;
  return db.transaction(async (tx) => {
    let before: unknown = null;
    let rowId = id;
    if (id) {
      const [old] = await tx
        .select()
        .from(inspectionTemplates)
        .where(and(eq(inspectionTemplates.id, id), eq(inspectionTemplates.companyId, actor.companyId)));
      if (!old) throw new AppError("not_found");
      before = { name: old.name, areaKind: old.areaKind, items: old.items, active: old.active };
      await tx
        .update(inspectionTemplates)
        .set(values)
        .where(and(eq(inspectionTemplates.id, id), eq(inspectionTemplates.companyId, actor.companyId)));
    } else {
      const [row] = await tx
        .insert(inspectionTemplates)
        .values({ companyId: actor.companyId, ...values })
        .returning({ id: inspectionTemplates.id });
      rowId = row.id;
    }
    await writeAudit(tx, {
      companyId: actor.companyId,
      actorUserId: actor.userId,
      action: id ? "inspection_template.update" : "inspection_template.create",
      entity: "inspection_template",
      entityId: rowId,
      before,
      after: values,
    });
    return { id: rowId! };
  });
}

/** The template, community and (optional) area of a submit, all of the actor's company — or not found. */
async function placeOf(db: DbOrTx, companyId: number, input: InspectInput) {
  const [row] = await db
    .select({ template: inspectionTemplates, community: communities.name, area: cleaningAreas.name })
    .from(inspectionTemplates)
    .innerJoin(communities, and(eq(communities.id, input.communityId), eq(communities.companyId, companyId)))
    .leftJoin(
      cleaningAreas,
      and(
        eq(cleaningAreas.id, input.areaId ?? -1),
        eq(cleaningAreas.companyId, companyId),
        eq(cleaningAreas.communityId, input.communityId),
      ),
    )
    .where(
      and(
        eq(inspectionTemplates.id, input.templateId),
        eq(inspectionTemplates.companyId, companyId),
        eq(inspectionTemplates.active, true),
        input.areaId ? eq(cleaningAreas.id, input.areaId) : isNull(cleaningAreas.id),
      ),
    );
  if (!row) throw new AppError("not_found");
  return row;
}

async function existing(db: DbOrTx, companyId: number, requestId: string) {
  const [row] = await db
    .select({ id: inspections.id })
    .from(inspections)
    .where(and(eq(inspections.companyId, companyId), eq(inspections.requestId, requestId)));
  return row ?? null;
}

class AlreadySubmitted extends Error {}

/**
 * Records an inspection. `photos[i]` are the photos of item i (kept only on defects). A submit
 * whose request id was already recorded returns that inspection and writes nothing.
 */
export async function submitInspection(
  db: Db,
  actor: Actor,
  input: InspectInput,
  photos: readonly (readonly UploadLike[])[] = [],
  now = new Date(),
): Promise<{ id: number; orders: number[]; duplicate: boolean }> {
  const done = await existing(db, actor.companyId, input.requestId);
  if (done) return { id: done.id, orders: [], duplicate: true };
  const place = await placeOf(db, actor.companyId, input);
  const tpl = place.template.items;
  const totals = scoreInspection(tpl, input.items);
  if (!totals.ok) throw new AppError("validation", "errors.validation", toFieldErrors(totals.errors));
  const checked = await Promise.all(
    input.items.map((s, i) => (s.defect ? checkImages(photos[i] ?? []) : Promise.resolve([]))),
  );
  const month = localDate(now, await companyTimeZone(db, actor.companyId)).slice(0, 7);
  try {
    return await withStoredImages(checked.flat(), (stored) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .insert(inspections)
          .values({
            companyId: actor.companyId,
            communityId: input.communityId,
            areaId: input.areaId,
            areaKind: place.template.areaKind,
            templateId: place.template.id,
            inspectorId: actor.userId,
            requestId: input.requestId,
            month,
            score: totals.score,
            maxScore: totals.maxScore,
            defects: totals.defects,
            inspectedAt: now,
          })
          .onConflictDoNothing()
          .returning({ id: inspections.id });
        if (!row) throw new AlreadySubmitted();
        const orderOf = await defectOrders(tx, actor, input, place, checked, stored, now);
        const orders = [...orderOf.values()];
        await tx.insert(inspectionItems).values(
          tpl.map((item, i) => ({
            companyId: actor.companyId,
            inspectionId: row.id,
            seq: i + 1,
            label: item.label,
            team: item.team,
            maxScore: item.maxScore,
            score: input.items[i].score,
            defect: input.items[i].defect,
            note: input.items[i].note || null,
            workOrderId: orderOf.get(i) ?? null,
          })),
        );
        await writeAudit(tx, {
          companyId: actor.companyId,
          actorUserId: actor.userId,
          action: "inspection.submit",
          entity: "inspection",
          entityId: row.id,
          after: { score: totals.score, maxScore: totals.maxScore, defects: totals.defects, orders },
        });
        return { id: row.id, orders, duplicate: false };
      }),
    );
  } catch (e) {
    if (!(e instanceof AlreadySubmitted)) throw e;
    const again = await existing(db, actor.companyId, input.requestId);
    return { id: again!.id, orders: [], duplicate: true };
  }
}

type Place = Awaited<ReturnType<typeof placeOf>>;
type Stored = Parameters<Parameters<typeof withStoredImages>[1]>[0];

/** One work order per defect to its item's team (text as key + params), with the item's photos; item index → order id. */
async function defectOrders(
  tx: DbOrTx,
  actor: Actor,
  input: InspectInput,
  place: Place,
  checked: readonly unknown[][],
  stored: Stored,
  now: Date,
) {
  const tpl = place.template.items;
  const defects = input.items.flatMap((s, i) => (s.defect ? [i] : []));
  const where = place.area ?? place.community;
  const specs = defects.map((i): NewOrder => ({
    type: TEAM_ORDER_TYPE[tpl[i].team],
    source: "staff",
    communityId: input.communityId,
    repairCategory: tpl[i].team === "engineering" ? "public_areas" : null,
    title: `品质巡检：${where} · ${tpl[i].label}`,
    description: input.items[i].note ?? "",
    text: {
      key: DEFECT_TEXT_KEY,
      params: { place: where, item: tpl[i].label, note: input.items[i].note ?? "" },
    },
    resolveDueAt: defectDueAt(now),
  }));
  const orders = await createOrdersTx(tx, actor.companyId, specs, now, { actorUserId: actor.userId });
  const orderOf = new Map(defects.map((i, k) => [i, orders[k]]));
  let offset = 0;
  for (const [i, images] of checked.entries()) {
    const mine = stored.slice(offset, offset + images.length);
    offset += images.length;
    const orderId = orderOf.get(i);
    if (orderId)
      await insertAttachmentRows(tx, { companyId: actor.companyId, id: orderId }, actor.userId, "before", mine);
  }
  return orderOf;
}

const toFieldErrors = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, [v]]));
