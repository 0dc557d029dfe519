import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { communities } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Db } from "@/lib/db/client";
import { attachedCount, checkImages, insertAttachmentRows, withStoredImages, type UploadLike } from "./attachments";
import { resolveOrderTx } from "./commands";
import { placeHousehold, residentUnitHousehold } from "./placement";
import { createOrderTx } from "./create";
import { notify, staffOrderHref } from "./notify";
import { loadOrder } from "./orders";
import { companyAdmins } from "./people";
import type { RepairCategory } from "./rules";
import type { emergencySchema, intakeSchema, residentRequestSchema, resolveSchema } from "./schemas";
import type { RoleActor } from "@/lib/auth/actor";

type Out<S extends z.ZodType> = z.output<S>;
type UserActor = RoleActor;
/** The parsed input, with the optional repair category really optional (for callers other than forms). */
type WithCategory<T> = Omit<T, "repairCategory"> & { repairCategory?: RepairCategory };

/** A resident files a request for a unit of one of its own households, with up to 6 photos. */
export async function submitResidentRequest(
  db: Db,
  actor: UserActor,
  input: WithCategory<Out<typeof residentRequestSchema>>,
  files: readonly UploadLike[] = [],
  now = new Date(),
) {
  const place = await residentUnitHousehold(db, actor.companyId, actor.userId, input.unitId);
  const images = await checkImages(files);
  return withStoredImages(images, (stored) =>
    db.transaction(async (tx) => {
      const o = await createOrderTx(
        tx,
        actor,
        {
          type: input.type,
          source: "resident",
          householdId: place.householdId,
          unitId: input.unitId,
          communityId: place.communityId,
          repairCategory: input.repairCategory ?? null,
          description: input.description,
        },
        now,
      );
      await insertAttachmentRows(tx, o, actor.userId, "before", stored);
      return o;
    }),
  );
}

/** Front desk intake (phone / walk-in) or a staff member's own order, for any household of the company. */
export async function intakeOrder(
  db: Db,
  actor: UserActor,
  input: WithCategory<Out<typeof intakeSchema>>,
  files: readonly UploadLike[] = [],
  now = new Date(),
) {
  const place = await placeHousehold(db, actor.companyId, input.householdId);
  const images = await checkImages(files);
  return withStoredImages(images, (stored) =>
    db.transaction(async (tx) => {
      const o = await createOrderTx(
        tx,
        actor,
        {
          type: input.type,
          source: input.channel === "staff" ? "staff" : "front_desk",
          householdId: place.id,
          unitId: place.unitId,
          communityId: place.communityId,
          repairCategory: input.repairCategory ?? null,
          severity: input.severity,
          description: input.description,
        },
        now,
      );
      await insertAttachmentRows(tx, o, actor.userId, "before", stored);
      return o;
    }),
  );
}

/** Resolve with after-photos (and, for maintenance, the checklist). */
export async function resolveWithPhotos(
  db: Db,
  actor: UserActor,
  input: Out<typeof resolveSchema>,
  files: readonly UploadLike[] = [],
  now = new Date(),
) {
  const o = await loadOrder(db, actor.companyId, input.id);
  const images = await checkImages(files, await attachedCount(db, actor.companyId, o.id));
  await withStoredImages(images, (stored) =>
    db.transaction(async (tx) => {
      await resolveOrderTx(tx, actor, input, now);
      await insertAttachmentRows(tx, o, actor.userId, "after", stored);
    }),
  );
}

/** Emergency quick report: dispatched at once to the community's supervisors and project manager. */
export async function reportEmergency(db: Db, actor: UserActor, input: Out<typeof emergencySchema>, now = new Date()) {
  const [c] = await db
    .select({ id: communities.id })
    .from(communities)
    .where(and(eq(communities.companyId, actor.companyId), eq(communities.id, input.communityId)));
  if (!c) throw new AppError("not_found");
  const o = await db.transaction((tx) =>
    createOrderTx(
      tx,
      actor,
      {
        type: "emergency",
        source: "staff",
        communityId: c.id,
        severity: input.severity,
        title: input.location,
        description: input.description,
      },
      now,
    ),
  );
  if (o.status !== "assigned") {
    // Nobody to dispatch to: the general managers hear about it at once instead.
    await db.transaction(async (tx) =>
      notify(
        tx,
        actor.companyId,
        await companyAdmins(tx, actor.companyId),
        "emergency.reported",
        { orderId: o.id, type: o.type },
        staffOrderHref(o.id),
      ),
    );
  }
  return o;
}
