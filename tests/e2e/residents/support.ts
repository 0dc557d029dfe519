import { openDb } from "../../../lib/db/client";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import en from "../../../messages/residents/en.json" with { type: "json" };
import zh from "../../../messages/residents/zh-CN.json" with { type: "json" };
import { demo } from "../support/demo";
import { createTestHousehold } from "../support/households";
import type { Locale } from "../support/messages";

/** This module's message catalogue (messages/residents/<locale>.json). */
export function residentsMessages(locale: Locale = "zh-CN"): typeof zh {
  return locale === "en" ? en : zh;
}

/**
 * The e2e server's database: the one scripts/e2e-server.sh created for this port
 * (or E2E_DATABASE_URL): tests create the household a resident registers with.
 */
export function e2eDatabaseUrl(): string {
  if (process.env.E2E_DATABASE_URL) return process.env.E2E_DATABASE_URL;
  const port = process.env.E2E_PORT || "3211";
  const tmp = fs.realpathSync(process.env.TMPDIR || os.tmpdir());
  return `file:${path.join(tmp, `guanjia-e2e-${port}`, "e2e.db")}`;
}

export interface FreeHousehold {
  code: string;
  name: string;
  /** As the resident pages label it: "翠湖花园 1栋 1-202". */
  unitLabel: string;
}

/**
 * A new household with one flat in a building the demo butler serves, created for the calling
 * test alone: nobody is linked to it, and no seeded history (a gold badge, a visit) touches it.
 */
export async function newHouseholdOfDemoButler(): Promise<FreeHousehold> {
  // The app's own client: it waits for the server's write lock (busy retries) instead of failing SQLITE_BUSY.
  const client = openDb(e2eDatabaseUrl()).client;
  try {
    const h = await createTestHousehold(client, { butlerPhone: demo("butler").phone });
    return { code: h.code, name: h.name, unitLabel: h.unitLabel };
  } finally {
    client.close();
  }
}

/** How the code looks on a bill when typed carelessly: lower case, with a dash in the middle. */
export function sloppy(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();
}
