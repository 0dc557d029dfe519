import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { buildings, communities, households, units } from "@/db/schema";
import { AppError } from "@/lib/actions/result";
import type { Actor } from "@/lib/auth/actor";

export type Out<S extends z.ZodType> = z.output<S>;

export async function mustFind<T>(promise: Promise<T[]>): Promise<T> {
  const [row] = await promise;
  if (!row) throw new AppError("not_found");
  return row;
}

// ── helpers ──────────────────────────────────────────────────────────────────

type Scoped = typeof communities | typeof buildings | typeof units | typeof households;

/** id = ? AND company_id = ?: a row of another company is simply not found. */
export function scoped(table: Scoped, actor: Actor<number | null>, id: number) {
  return and(eq(table.id, id), eq(table.companyId, actor.companyId));
}

export function audit(actor: Actor<number | null>, action: string, entity: string, entityId: number) {
  return { companyId: actor.companyId, actorUserId: actor.userId, action, entity, entityId };
}

/** The `before` values of exactly the fields being changed. */
export function pick(before: Record<string, unknown>, changed: object): Record<string, unknown> {
  return Object.fromEntries(Object.keys(changed).map((k) => [k, before[k]]));
}
