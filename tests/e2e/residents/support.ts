import { createClient } from "@libsql/client";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import en from "../../../messages/residents/en.json" with { type: "json" };
import zh from "../../../messages/residents/zh-CN.json" with { type: "json" };
import { demo } from "../support/demo";
import type { Locale } from "../support/messages";

/** This module's message catalogue (messages/residents/<locale>.json). */
export function residentsMessages(locale: Locale = "zh-CN"): typeof zh {
  return locale === "en" ? en : zh;
}

/**
 * The e2e server's database: the one scripts/e2e-server.sh created for this port
 * (or E2E_DATABASE_URL). Read only, to find what a resident would read off a paper bill.
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
 * A seeded household of the demo company that nobody is linked to yet, with a single flat in
 * a building the demo butler serves; picked at random so parallel tests do not collide.
 */
export async function freeHouseholdOfDemoButler(): Promise<FreeHousehold> {
  const client = createClient({ url: e2eDatabaseUrl() });
  try {
    const { rows } = await client.execute({
      sql: `select h.code, h.name, c.name || ' ' || b.name || ' ' || u.number as label
              from households h
              join household_units hu on hu.household_id = h.id
              join units u on u.id = hu.unit_id
              join buildings b on b.id = u.building_id
              join communities c on c.id = b.community_id
              join building_butlers bb on bb.building_id = b.id
              join users butler on butler.id = bb.butler_user_id
             where butler.phone = ? and h.active = 1 and u.type = 'residential'
               and not exists (select 1 from unit_butlers ub where ub.unit_id = u.id)
               and (select count(*) from household_units x where x.household_id = h.id) = 1
               and not exists (select 1 from resident_links l where l.household_id = h.id)
             order by random() limit 1`,
      args: [demo("butler").phone],
    });
    if (rows.length === 0) throw new Error("no free household of the demo butler: is the e2e database seeded?");
    return { code: String(rows[0].code), name: String(rows[0].name), unitLabel: String(rows[0].label) };
  } finally {
    client.close();
  }
}

/** How the code looks on a bill when typed carelessly: lower case, with a dash in the middle. */
export function sloppy(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();
}
