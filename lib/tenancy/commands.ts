import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { companies, memberships, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit/commands";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { StaffRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/actions/result";
import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Locale } from "@/lib/i18n/config";
import { containsPersonal } from "@/lib/auth/password-policy";
import { checkLimits, recordFailures, type LimitedKey } from "@/lib/auth/rate-limit";
import { SIGN_UP_PER_IP } from "@/lib/auth/rate-limit-rules";
import type { changePasswordSchema, createStaffSchema, signUpSchema } from "./schemas";

/** What sign-up writes (the DPA tick box is checked by the schema and recorded by the flow). */
export type SignUpFields = Omit<z.output<typeof signUpSchema>, "acceptDpa">;

/** Refuses a phone or e-mail that another account already uses, as field errors. */
async function assertIdentifiersFree(db: Db, phone: string, email: string | undefined) {
  const taken = await db
    .select({ phone: users.phone, email: users.email })
    .from(users)
    .where(email ? or(eq(users.phone, phone), eq(users.email, email)) : eq(users.phone, phone));
  const fieldErrors: Record<string, string[]> = {};
  if (taken.some((u) => u.phone === phone)) fieldErrors.phone = ["validation.phoneTaken"];
  if (email && taken.some((u) => u.email === email)) fieldErrors.email = ["validation.emailTaken"];
  if (Object.keys(fieldErrors).length) throw new AppError("conflict", "errors.conflict", fieldErrors);
}

function identifierConflict(error: unknown): AppError | null {
  if (isUniqueViolation(error, "users.phone")) return AppError.field("phone", "validation.phoneTaken", "conflict");
  if (isUniqueViolation(error, "users.email")) return AppError.field("email", "validation.emailTaken", "conflict");
  return null;
}

/** The public sign-up's answer to a taken phone or e-mail: the same whichever it is. */
const identifierUnavailable = () =>
  new AppError("conflict", "errors.conflict", { _form: ["validation.identifierUnavailable"] });

/**
 * Company sign-up, the checks before the transaction: from the public form (`ip` given) every
 * attempt counts against the address's limit, and a taken phone or e-mail gets one generic
 * answer, so the form cannot list who has an account. Returns the new admin's password hash.
 * The whole use case (with the DPA consent) is `lib/flows/sign-up-company.ts`.
 */
export async function prepareSignUp(db: Db, input: SignUpFields, from?: { ip: string }): Promise<string> {
  if (from) {
    const keys: LimitedKey[] = [{ key: `signup:ip:${from.ip}`, rule: SIGN_UP_PER_IP }];
    if (!(await checkLimits(db, keys)).allowed) throw new AppError("rate_limited");
    await recordFailures(db, keys);
  }
  try {
    await assertIdentifiersFree(db, input.phone, input.email);
  } catch (e) {
    throw e instanceof AppError ? identifierUnavailable() : e;
  }
  return hashPassword(input.password);
}

/** Inside the sign-up's transaction: the company, its first user and that user's admin role. */
export async function insertCompanyTx(tx: DbOrTx, input: SignUpFields, passwordHash: string) {
  const [company] = await tx.insert(companies).values({ name: input.companyName }).returning();
  const [user] = await tx
    .insert(users)
    .values({ name: input.name, phone: input.phone, email: input.email, passwordHash })
    .returning({ id: users.id });
  await tx.insert(memberships).values({ companyId: company.id, userId: user.id, role: "admin" });
  return { company, userId: user.id };
}

/** A sign-up transaction's error as the public form answers it (a taken phone or e-mail: the generic answer). */
export function signUpFailure(error: unknown): unknown {
  return identifierConflict(error) ? identifierUnavailable() : error;
}

/** The admin creates a staff account with one or more roles in their company. */
export async function createStaffMember(
  db: Db,
  companyId: number,
  actorUserId: number,
  input: z.output<typeof createStaffSchema>,
) {
  await assertIdentifiersFree(db, input.phone, input.email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ name: input.name, phone: input.phone, email: input.email ?? null, passwordHash })
        .returning({ id: users.id });
      await tx.insert(memberships).values(input.roles.map((role) => ({ companyId, userId: user.id, role })));
      await writeAudit(tx, {
        companyId,
        actorUserId,
        action: "staff.create",
        entity: "user",
        entityId: user.id,
        after: { name: input.name, phone: input.phone, email: input.email ?? null, roles: input.roles },
      });
      return { userId: user.id };
    });
  } catch (e) {
    throw identifierConflict(e) ?? e;
  }
}

/**
 * Replaces a staff member's roles in the company. The change revokes their sessions
 * (the session version goes up) so that the old roles stop working at once. An admin
 * cannot remove their own admin role, so a company never loses its last way in by accident.
 */
export async function setStaffRoles(
  db: Db,
  companyId: number,
  actorUserId: number,
  userId: number,
  roles: StaffRole[],
) {
  if (userId === actorUserId && !roles.includes("admin"))
    throw AppError.field("roles", "validation.cannotDropOwnAdmin");
  return db.transaction(async (tx) => {
    const current = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)));
    const staffBefore = current.map((r) => r.role).filter((r) => r !== "resident");
    if (staffBefore.length === 0) throw new AppError("not_found");
    const toRemove = staffBefore.filter((r) => !roles.includes(r as StaffRole));
    const toAdd = roles.filter((r) => !staffBefore.includes(r));
    if (toRemove.length === 0 && toAdd.length === 0) return { changed: false };
    if (toRemove.length)
      await tx
        .delete(memberships)
        .where(
          and(
            eq(memberships.companyId, companyId),
            eq(memberships.userId, userId),
            inArray(memberships.role, toRemove),
          ),
        );
    if (toAdd.length) await tx.insert(memberships).values(toAdd.map((role) => ({ companyId, userId, role })));
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await writeAudit(tx, {
      companyId,
      actorUserId,
      action: "staff.set_roles",
      entity: "user",
      entityId: userId,
      before: { roles: staffBefore },
      after: { roles },
    });
    return { changed: true };
  });
}

/** Ends every session of the user, this one included. */
export async function signOutEverywhere(db: Db, companyId: number, userId: number) {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await writeAudit(tx, {
      companyId,
      actorUserId: userId,
      action: "user.sign_out_everywhere",
      entity: "user",
      entityId: userId,
    });
  });
}

/** Changes the password after checking the current one; every other session ends. */
export async function changePassword(
  db: Db,
  companyId: number,
  userId: number,
  input: z.output<typeof changePasswordSchema>,
) {
  const [user] = await db
    .select({ passwordHash: users.passwordHash, phone: users.phone, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw AppError.field("currentPassword", "validation.wrongPassword");
  if (containsPersonal(input.newPassword, user)) throw AppError.field("newPassword", "validation.passwordPersonal");
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await writeAudit(tx, {
      companyId,
      actorUserId: userId,
      action: "user.change_password",
      entity: "user",
      entityId: userId,
    });
  });
}

export async function setUserLocale(db: Db, userId: number, locale: Locale) {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
