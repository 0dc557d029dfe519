import { spawn } from "node:child_process";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { verifyCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { generateBills } from "@/lib/billing/generate";
import { recordPayment } from "@/lib/flows/record-payment";
import { createBillingEstate } from "../support/billing";
import { billingInvariantProblems } from "../support/billing-invariants";
import { TEST_PASSWORD } from "../support/fixtures";
import { createTestDb } from "../support/test-db";

const TSX = path.resolve("node_modules/.bin/tsx");
const HOLD_MS = 10_000;

/** Starts the lock holder and resolves once it holds the write lock; `done` settles when it exits. */
async function holdWriteLock(url: string) {
  const child = spawn(TSX, ["tests/support/hold-write-lock.ts", url, String(HOLD_MS)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const done = new Promise<string>((resolve) => child.once("exit", () => resolve(out)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("holding")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the lock holder exited (${code}) before holding: ${out}`)));
  });
  return { done };
}

/**
 * Issue 15 point 5: another process holds the write lock for 10 s (an import, a job, a
 * backup tool). This process's payments and sign-ins wait for it instead of failing, and
 * its client keeps working afterwards (a failed BEGIN IMMEDIATE used to wedge it).
 */
describe("a second process holding the write lock", () => {
  it("costs this process no payment and no sign-in, and leaves its client working", { timeout: 120_000 }, async () => {
    const { db, url } = await createTestDb();
    const e = await createBillingEstate(db, 10);
    await generateBills(db, e.companyId, "2026-10");
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(TEST_PASSWORD) })
      .where(eq(users.id, e.finance.id));
    const pay = (key: string, i: number) =>
      recordPayment(db, {
        companyId: e.companyId,
        householdId: e.households[i % 10].id,
        amountFen: 1_000 + i,
        method: "cash",
        idempotencyKey: key,
        actorUserId: e.finance.id,
      });
    const phone = e.finance.phone ?? "";
    expect(phone).not.toBe("");
    const signIn = (i: number) => verifyCredentials(db, phone, TEST_PASSWORD, `10.9.8.${i}`);

    const holder = await holdWriteLock(url);
    const during = await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, i) => pay(`during-${i}`, i)),
      ...[1, 2, 3].map(signIn),
    ]);
    const holderSaid = await holder.done;
    expect(holderSaid).toMatch(/committed|aborted/);

    const failures = during
      .filter((r) => r.status === "rejected")
      .map((r) => String((r as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    const signIns = during.slice(10).map((r) => (r as PromiseFulfilledResult<{ ok: boolean }>).value.ok);
    expect(signIns).toEqual([true, true, true]);

    // Afterwards the same client still runs transactions.
    const after = await Promise.allSettled([...Array.from({ length: 5 }, (_, i) => pay(`after-${i}`, i)), signIn(4)]);
    expect(after.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await billingInvariantProblems(db, e.companyId)).toEqual([]);
  });
});
