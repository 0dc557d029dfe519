import { openDb } from "../../../lib/db/client";
import { hash } from "@node-rs/argon2";
import { DEMO_COMPANY_NAME } from "../../../scripts/seed/demo-logins";
import { uniquePhone, uniqueTag } from "../support/factories";
import { e2eDatabaseUrl } from "../residents/support";

/**
 * A resident of the demo company who has never accepted the privacy notice (as after a new
 * version): an account, a membership and an approved link to a free household, no consent row.
 */
export async function residentWithoutConsent(): Promise<{ phone: string; password: string }> {
  // The app's own client: it waits for the server's write lock (busy retries) instead of failing SQLITE_BUSY.
  const client = openDb(e2eDatabaseUrl()).client;
  try {
    const password = `Pw-${uniqueTag()}-2026`;
    const phone = uniquePhone();
    const now = Date.now();
    const { rows } = await client.execute({
      sql: `select h.id as householdId, h.company_id as companyId from households h join companies co on co.id = h.company_id
             where co.name = ? and not exists (select 1 from resident_links l where l.household_id = h.id) order by random() limit 1`,
      args: [DEMO_COMPANY_NAME],
    });
    if (!rows.length) throw new Error("no free household: is the e2e database seeded?");
    const { householdId, companyId } = rows[0] as unknown as { householdId: number; companyId: number };
    const user = await client.execute({
      sql: `insert into users (name, phone, password_hash, session_version, active, created_at, updated_at) values (?, ?, ?, 1, 1, ?, ?) returning id`,
      args: [`老住户${uniqueTag().slice(0, 4)}`, phone, await hash(password), now, now],
    });
    const userId = Number(user.rows[0].id);
    await client.batch([
      {
        sql: `insert into memberships (company_id, user_id, role, created_at) values (?, ?, 'resident', ?)`,
        args: [companyId, userId, now],
      },
      {
        sql: `insert into resident_links (company_id, user_id, household_id, relation, status, created_at, updated_at) values (?, ?, ?, 'owner', 'approved', ?, ?)`,
        args: [companyId, userId, householdId, now, now],
      },
    ]);
    return { phone, password };
  } finally {
    client.close();
  }
}
