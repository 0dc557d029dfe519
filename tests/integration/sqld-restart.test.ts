import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { payments } from "@/db/schema";
import { generateBills } from "@/lib/billing/generate";
import { recordPayment } from "@/lib/flows/record-payment";
import { openDb, type DbHandle } from "@/lib/db/client";
import { migrateDb } from "@/lib/db/migrate";
import { createBillingEstate } from "../support/billing";
import { billingInvariantProblems } from "../support/billing-invariants";
import { startSqld, type SqldServer } from "../support/sqld";
import { closeClients, removeDbFolder } from "../support/close-clients";

type Phase = "up" | "stopping" | "down" | "back";

/**
 * Issue 15 point 6: the libSQL server restarts while cashiers record payments. The app's
 * client recovers by itself: no payment confirmed before, during or after is lost; only
 * payments in flight when it stopped may fail (those begun while it was down wait for it),
 * and retrying those with the same idempotency key records each once. Its own sqld (restartable), in both test modes.
 */
describe("a libSQL server restart under load", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-restart-"));
  let server: SqldServer | null = null;
  let handle: DbHandle | null = null;
  afterAll(async () => {
    await closeClients([handle?.client]);
    await server?.stop();
    removeDbFolder(dir);
  });

  it("loses no confirmed write and recovers without a reconnect", { timeout: 120_000 }, async () => {
    server = await startSqld({ dir: path.join(dir, "db") });
    const port = Number(new URL(server.url).port);
    handle = openDb(server.url);
    const { db } = handle;
    await migrateDb(db);
    const e = await createBillingEstate(db, 8);
    await generateBills(db, e.companyId, "2026-10");

    let phase: Phase = "up";
    const confirmed: string[] = [];
    const failed: { key: string; startedIn: Phase; error: string; householdId: number; amountFen: number }[] = [];
    const confirmedIn = { up: 0, stopping: 0, down: 0, back: 0 };
    let stop = false;
    const cashier = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const key = `c${n}-${i}`;
        const startedIn = phase;
        const householdId = e.households[i % 8].id;
        const amountFen = 100 + i;
        try {
          await recordPayment(db, {
            companyId: e.companyId,
            householdId,
            amountFen,
            method: "cash",
            idempotencyKey: key,
            actorUserId: e.finance.id,
          });
          confirmed.push(key);
          confirmedIn[phase]++;
        } catch (err) {
          failed.push({ key, startedIn, error: String(err), householdId, amountFen });
        }
      }
    };
    const cashiers = [1, 2, 3].map(cashier);
    const until = async (ok: () => boolean) => {
      while (!ok()) await new Promise((r) => setTimeout(r, 20));
    };
    await until(() => confirmedIn.up >= 10);
    phase = "stopping"; // payments in flight now may be cut off: their outcome is unknown, they may fail
    await server.stop();
    phase = "down";
    // One payment surely begun while the server is down (the cashiers' may all be in flight then).
    const whileDown = recordPayment(db, {
      companyId: e.companyId,
      householdId: e.households[0].id,
      amountFen: 99,
      method: "cash",
      idempotencyKey: "while-down",
      actorUserId: e.finance.id,
    });
    await new Promise((r) => setTimeout(r, 1_500)); // down for a while: new connections are refused
    server = await startSqld({ dir: path.join(dir, "db"), port });
    phase = "back";
    await until(() => confirmedIn.back >= 15);
    stop = true;
    await Promise.all(cashiers);
    await whileDown; // waited for the server instead of failing
    confirmed.push("while-down");

    expect(failed.filter((f) => f.startedIn === "back")).toEqual([]);
    expect(confirmedIn.up).toBeGreaterThanOrEqual(10);
    // Begun while it was down (refused connections): waited for the server instead of failing.
    expect(failed.filter((f) => f.startedIn === "down")).toEqual([]);
    const stored = await db
      .select({ key: payments.idempotencyKey })
      .from(payments)
      .where(and(eq(payments.companyId, e.companyId), inArray(payments.idempotencyKey, confirmed)));
    expect(stored.length).toBe(confirmed.length);
    // The cashier retries what failed, with the same key: each payment exists once.
    for (const f of failed)
      await recordPayment(db, {
        companyId: e.companyId,
        householdId: f.householdId,
        amountFen: f.amountFen,
        method: "cash",
        idempotencyKey: f.key,
        actorUserId: e.finance.id,
      });
    expect(await db.$count(payments, eq(payments.companyId, e.companyId))).toBe(confirmed.length + failed.length);
    expect(await billingInvariantProblems(db, e.companyId)).toEqual([]);
  });
});
