/**
 * Demo quality inspections (issue 19 point 3) for 示范物业: three templates (lobby, security post,
 * landscaping) and the last three months of inspections by the demo supervisor in the first two
 * communities — older months scored only, this month with a few defects (their work orders are open).
 */
import { and, asc, eq } from "drizzle-orm";
import * as s from "../../db/schema";
import type { InspectionTemplateItem } from "../../db/schema/inspections";
import type { Db } from "../../lib/db/client";
import { saveTemplate, submitInspection } from "../../lib/field/inspections";
import type { Rng } from "./random";

const TEMPLATES: {
  name: string;
  areaKind: "lobby" | "security_post" | "landscaping";
  items: InspectionTemplateItem[];
}[] = [
  {
    name: "大堂品质巡检",
    areaKind: "lobby",
    items: [
      { label: "地面无水渍、无垃圾", maxScore: 10, team: "cleaning" },
      { label: "玻璃门窗洁净", maxScore: 10, team: "cleaning" },
      { label: "照明及门禁完好", maxScore: 10, team: "engineering" },
      { label: "前台礼仪与公告栏", maxScore: 10, team: "customer_service" },
    ],
  },
  {
    name: "岗亭值守巡检",
    areaKind: "security_post",
    items: [
      { label: "在岗在位、着装规范", maxScore: 10, team: "security" },
      { label: "来访登记完整", maxScore: 10, team: "security" },
      { label: "道闸及监控正常", maxScore: 10, team: "engineering" },
    ],
  },
  {
    name: "绿化养护巡检",
    areaKind: "landscaping",
    items: [
      { label: "草坪修剪整齐", maxScore: 10, team: "cleaning" },
      { label: "无枯枝落叶堆积", maxScore: 10, team: "cleaning" },
      { label: "喷灌设施完好", maxScore: 5, team: "engineering" },
    ],
  },
];

const NOTES = ["地面有积水未清理", "灯具不亮", "岗亭无人值守", "公告过期未更换"];

export async function seedDemoInspections(db: Db, companyId: number, rng: Rng, now: Date) {
  const [supervisor] = await db
    .select({ id: s.memberships.userId })
    .from(s.memberships)
    .where(and(eq(s.memberships.companyId, companyId), eq(s.memberships.role, "supervisor")))
    .orderBy(asc(s.memberships.userId))
    .limit(1);
  if (!supervisor) return { templates: 0, inspections: 0, defects: 0 };
  const actor = { companyId, userId: supervisor.id };
  const templates = [];
  for (const t of TEMPLATES) templates.push({ ...t, id: (await saveTemplate(db, actor, { ...t, active: true })).id });
  const places = await db
    .select({ id: s.communities.id })
    .from(s.communities)
    .where(eq(s.communities.companyId, companyId))
    .orderBy(asc(s.communities.id))
    .limit(2);
  let inspections = 0;
  let defects = 0;
  for (let back = 2; back >= 0; back--)
    for (const place of places)
      for (const tpl of templates) {
        // This month's inspections are from the last two hours (so they count in this month whatever today's date).
        const ago = back === 0 ? rng.int(1, 120) * 60_000 : (back * 30 + rng.int(1, 5)) * 86_400_000;
        const at = new Date(now.getTime() - ago);
        const items = tpl.items.map((item) => {
          const defect = back === 0 && rng.chance(0.15);
          const score = defect ? rng.int(0, Math.floor(item.maxScore / 2)) : rng.int(item.maxScore - 2, item.maxScore);
          return { score, defect, note: defect ? rng.pick(NOTES) : undefined };
        });
        const r = await submitInspection(
          db,
          actor,
          {
            requestId: `seed-${place.id}-${tpl.id}-${back}`,
            communityId: place.id,
            areaId: null,
            templateId: tpl.id,
            items,
          },
          [],
          at,
        );
        inspections++;
        defects += r.orders.length;
      }
  return { templates: templates.length, inspections, defects };
}
