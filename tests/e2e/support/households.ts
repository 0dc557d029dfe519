import type { Client } from "@libsql/client";
import { newHouseholdCode } from "../../../lib/registry/codes";
import { uniqueTag } from "./factories";

export interface NewHousehold {
  householdId: number;
  companyId: number;
  communityId: number;
  code: string;
  name: string;
  /** As the resident pages label it: "翠湖花园 1栋 E2E-1a2b3c4d". */
  unitLabel: string;
}

/**
 * A brand-new household with one new flat, created for the calling test alone (never a seeded
 * household another test or the seed's history may have touched: a gold badge, a link, a visit).
 * It sits in the first building the demo butler serves (`butlerPhone`), or else in the first
 * building of the company named `companyName` — fixed, shared buildings that no test mutates.
 */
export async function createTestHousehold(
  client: Client,
  where: { butlerPhone: string } | { companyName: string },
): Promise<NewHousehold> {
  const { rows } = await client.execute(
    "butlerPhone" in where
      ? {
          sql: `select b.id, b.company_id, b.community_id, c.name || ' ' || b.name as label from buildings b
                  join communities c on c.id = b.community_id
                  join building_butlers bb on bb.building_id = b.id join users u on u.id = bb.butler_user_id
                 where u.phone = ? order by b.id limit 1`,
          args: [where.butlerPhone],
        }
      : {
          sql: `select b.id, b.company_id, b.community_id, c.name || ' ' || b.name as label from buildings b
                  join communities c on c.id = b.community_id join companies co on co.id = b.company_id
                 where co.name = ? order by b.id limit 1`,
          args: [where.companyName],
        },
  );
  if (!rows.length) throw new Error("no building for a test household: is the e2e database seeded?");
  const b = rows[0] as unknown as { id: number; company_id: number; community_id: number; label: string };
  const tag = uniqueTag();
  const number = `E2E-${tag}`;
  const name = `测试住户${tag.slice(0, 4)}`;
  const code = newHouseholdCode();
  const now = Date.now();
  const [unit, household] = await client.batch(
    [
      {
        sql: `insert into units (company_id, building_id, number, floor, area_centi_m2, type, active, created_at, updated_at) values (?, ?, ?, 1, 8900, 'residential', 1, ?, ?) returning id`,
        args: [b.company_id, b.id, number, now, now],
      },
      {
        sql: `insert into households (company_id, name, kind, code, active, created_at, updated_at) values (?, ?, 'owner', ?, 1, ?, ?) returning id`,
        args: [b.company_id, name, code, now, now],
      },
    ],
    "write",
  );
  const householdId = Number(household.rows[0].id);
  await client.execute({
    sql: `insert into household_units (company_id, household_id, unit_id, created_at) values (?, ?, ?, ?)`,
    args: [b.company_id, householdId, Number(unit.rows[0].id), now],
  });
  return {
    householdId,
    companyId: Number(b.company_id),
    communityId: Number(b.community_id),
    code,
    name,
    unitLabel: `${b.label} ${number}`,
  };
}
