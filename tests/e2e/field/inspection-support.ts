import { asc, eq } from "drizzle-orm";
import { communities, memberships, users } from "../../../db/schema";
import { saveTemplate } from "../../../lib/field/inspections";
import { withE2eDb } from "../support/db";
import { demo } from "../support/demo";
import { uniqueTag } from "../support/factories";

/**
 * An inspection template of the demo company made for the calling test alone (two items named
 * after a fresh tag: cleaning 10, engineering 5), and the demo company's first community.
 */
export async function inspectionTemplate() {
  const tag = uniqueTag();
  return withE2eDb(async (db) => {
    const [admin] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.phone, demo("admin").phone));
    const [member] = await db
      .select({ companyId: memberships.companyId })
      .from(memberships)
      .where(eq(memberships.userId, admin.id))
      .limit(1);
    const [community] = await db
      .select({ id: communities.id, name: communities.name })
      .from(communities)
      .where(eq(communities.companyId, member.companyId))
      .orderBy(asc(communities.id))
      .limit(1);
    const labels = [`地面-${tag}`, `照明-${tag}`];
    const template = await saveTemplate(
      db,
      { companyId: member.companyId, userId: admin.id },
      {
        name: `巡检-${tag}`,
        areaKind: "lobby",
        active: true,
        items: [
          { label: labels[0], maxScore: 10, team: "cleaning" },
          { label: labels[1], maxScore: 5, team: "engineering" },
        ],
      },
    );
    return { template, community, labels, tag };
  });
}
