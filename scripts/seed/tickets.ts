/**
 * Demo work orders (示范物业): technicians' skills, a few hundred orders across types and
 * states (some overdue, some rated) with their assignees and timelines, equipment with
 * maintenance plans, and knowledge-base articles (some public). Rows are planned in memory
 * and written in batches; ids are assigned here so children can point at their orders.
 * Runs inside seedDemo before the seed's completion mark, so it is idempotent with it.
 */
import { and, eq, max, sql } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import {
  defaultSla,
  dispatchPlan,
  SEVERITY_OF_CLASS,
  type AssigneeRole,
  type ComplaintClass,
  type RepairCategory,
  type WorkOrderStatus,
  type WorkOrderType,
} from "../../lib/tickets/rules";
import * as s from "../../db/schema";
import { insertRows } from "./insert";
import type { Rng } from "./random";

export const DEMO_ORDERS = 300;

const DESCRIPTIONS: Partial<Record<WorkOrderType, string[]>> = {
  complaint: [
    "楼下装修噪音太大，晚上十点还在施工",
    "保安态度不好",
    "小区垃圾清运不及时，有异味",
    "地下车库有人乱停车堵住车位",
    "电梯经常停运没人管",
  ],
  repair: ["厨房水管漏水", "卫生间下水道堵塞", "客厅插座没电", "入户门锁打不开", "楼道灯不亮", "电梯按钮失灵"],
  suggestion: ["建议增加儿童游乐设施", "建议在东门增设快递柜", "建议延长游泳池开放时间"],
  inquiry: ["物业费怎么交？", "装修需要办理什么手续？", "停车月卡怎么办理？"],
  cleaning: ["楼道有建筑垃圾", "绿化带需要修剪"],
  security: ["单元门禁损坏，陌生人可随意进出", "夜间巡逻发现可疑人员"],
  visit: ["年度入户拜访"],
};

const CATEGORY_FOR_TEXT: RepairCategory[] = [
  "plumbing",
  "plumbing",
  "electrical",
  "doors_locks",
  "public_areas",
  "elevator",
];

interface Placement {
  householdId: number;
  unitId: number;
  communityId: number;
  butlerId: number | null;
}

async function firstIds(db: Db, tables: Record<string, { id: unknown }>) {
  const seq = new Map(
    (await db.all<{ name: string; seq: number }>(sql`SELECT name, seq FROM sqlite_sequence`)).map((r) => [
      r.name,
      Number(r.seq),
    ]),
  );
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ top: max(sql<number>`id`) }).from(table as typeof s.workOrders);
    out[name] = Math.max(Number(row?.top ?? 0), seq.get(name) ?? 0) + 1;
  }
  return out;
}

const STATUS_WEIGHTS: (readonly [WorkOrderStatus, number])[] = [
  ["closed", 45],
  ["resolved", 10],
  ["in_progress", 10],
  ["accepted", 8],
  ["assigned", 15],
  ["submitted", 5],
  ["cancelled", 7],
];
const TYPE_WEIGHTS: (readonly [WorkOrderType, number])[] = [
  ["repair", 40],
  ["complaint", 20],
  ["inquiry", 12],
  ["suggestion", 8],
  ["cleaning", 8],
  ["security", 6],
  ["visit", 6],
];
const STATUS_ORDER: WorkOrderStatus[] = [
  "submitted",
  "triaged",
  "assigned",
  "accepted",
  "in_progress",
  "resolved",
  "confirmed",
  "closed",
];
const MINUTE = 60_000;

const EQUIPMENT_KINDS = [
  [
    "elevator",
    "1号楼1号电梯",
    "1栋大堂",
    "电梯月度保养",
    1,
    "month",
    ["检查曳引钢丝绳", "润滑导轨", "测试急停与报警按钮", "检查轿厢照明"],
  ],
  [
    "pump",
    "二次供水泵房水泵",
    "地下一层泵房",
    "水泵季度保养",
    3,
    "month",
    ["检查密封与渗漏", "测量电机绝缘", "清洗过滤器"],
  ],
  [
    "fire_system",
    "消防喷淋系统",
    "全小区",
    "消防系统月检",
    1,
    "month",
    ["检查喷淋末端压力", "测试烟感报警", "检查灭火器有效期"],
  ],
  ["gate", "南门车辆道闸", "南门", "道闸双周检查", 2, "week", ["检查道闸杆与电机", "测试车牌识别", "清洁地感线圈区域"]],
] as const;

const ARTICLES = [
  [
    "报修服务流程",
    "procedure",
    "住户报修后，系统按维修类别自动派给对应技能的维修人员；维修人员接单后 1 小时内联系住户，24 小时内完成一般维修。完成后请在“我的报事”中确认并评价。",
    ["repair"],
    true,
  ],
  [
    "投诉处理标准",
    "standard",
    "投诉由前台或主管按分级标准分为无效、一般、中等、重大四级：一般投诉由管家处理，中等投诉管家与主管共同处理，重大投诉管家、主管与项目经理各自接单。处理后须回访取得谅解。",
    ["complaint"],
    false,
  ],
  [
    "重大投诉 15 分钟响应要求",
    "standard",
    "重大投诉须在 15 分钟内接单、24 小时内处理完毕；超时系统自动升级至上一级。",
    ["complaint"],
    false,
  ],
  [
    "物业费缴纳常见问题",
    "faq",
    "物业费可在住户端在线缴纳，也可到物业服务中心现场缴纳。逾期将按合同约定处理。",
    ["inquiry", "collection"],
    true,
  ],
  [
    "装修管理规定",
    "guide",
    "装修前须到物业服务中心办理装修登记，施工时间为工作日 8:00–12:00、14:00–18:00，节假日禁止产生噪音的施工。",
    ["complaint", "inquiry"],
    true,
  ],
  [
    "业主的权利与义务（《物业管理条例》摘要）",
    "legal",
    "业主享有按照物业服务合同的约定接受物业服务的权利，并负有按时交纳物业服务费用的义务。",
    ["inquiry", "explanation"],
    true,
  ],
  [
    "电梯困人应急处置",
    "procedure",
    "接到电梯困人报告后：1. 安抚被困人员；2. 通知电梯维保单位；3. 切断电源后按规程盘车放人；4. 记录事件并提交结案报告。",
    ["emergency", "repair", "maintenance"],
    false,
  ],
  [
    "水管爆裂应急处置",
    "procedure",
    "立即关闭相应区域总阀，通知受影响住户，组织抢修并做好现场防护，事后提交结案报告。",
    ["emergency", "repair"],
    false,
  ],
] as const;

type OrderRow = typeof s.workOrders.$inferInsert;
type AssigneeRow = typeof s.workOrderAssignees.$inferInsert;
type EventRow = typeof s.workOrderEvents.$inferInsert;
type Ids = Record<string, number>;
type Person = { userId: number; role: AssigneeRole };

/** Who works for the company and where its households live, as the order plan needs them. */
async function loadTicketContext(db: Db, companyId: number) {
  const members = await db
    .select({ userId: s.memberships.userId, role: s.memberships.role })
    .from(s.memberships)
    .where(eq(s.memberships.companyId, companyId))
    .orderBy(s.memberships.userId);
  const byRole = (role: string) => members.filter((m) => m.role === role).map((m) => m.userId);
  const [technicians, admins] = [byRole("technician"), byRole("admin")];
  const supervisorOf = new Map(
    (await db.select().from(s.supervisorButlers).where(eq(s.supervisorButlers.companyId, companyId))).map((r) => [
      r.butlerUserId,
      r.supervisorUserId,
    ]),
  );
  const managerOf = new Map(
    (await db.select().from(s.communityManagers).where(eq(s.communityManagers.companyId, companyId))).map((r) => [
      r.communityId,
      r.managerUserId,
    ]),
  );
  const communityIds = (
    await db
      .select({ id: s.communities.id })
      .from(s.communities)
      .where(eq(s.communities.companyId, companyId))
      .orderBy(s.communities.id)
  ).map((c) => c.id);
  const placements = await db.all<Placement>(sql`
    select hu.household_id as householdId, u.id as unitId, b.community_id as communityId, bb.butler_user_id as butlerId
    from household_units hu join units u on u.id = hu.unit_id join buildings b on b.id = u.building_id
    left join building_butlers bb on bb.building_id = b.id
    where hu.company_id = ${companyId} and u.type = 'residential'
    and hu.unit_id = (select min(hu2.unit_id) from household_units hu2 join units u2 on u2.id = hu2.unit_id where hu2.household_id = hu.household_id and u2.type = 'residential')
    order by hu.household_id`);
  const demoHousehold = (
    await db
      .select({ id: s.residentLinks.householdId })
      .from(s.residentLinks)
      .innerJoin(s.users, eq(s.users.id, s.residentLinks.userId))
      .where(and(eq(s.residentLinks.companyId, companyId), eq(s.users.email, "resident@demo.guanjia.cn")))
  )[0]?.id;
  return { technicians, admins, supervisorOf, managerOf, communityIds, placements, demoHousehold };
}

type TicketContext = Awaited<ReturnType<typeof loadTicketContext>>;

interface OrderPlan extends TicketContext {
  companyId: number;
  rng: Rng;
  now: Date;
  ids: Ids;
  techLoad: Map<number, number>;
  orders: OrderRow[];
  assignees: AssigneeRow[];
  events: EventRow[];
}

/** The order's kind, state, text, classification and age, as drawn. */
function drawOrder(plan: OrderPlan, n: number) {
  const { rng, placements, demoHousehold } = plan;
  const p =
    n < 3 && demoHousehold
      ? (placements.find((x) => x.householdId === demoHousehold) ?? rng.pick(placements))
      : rng.pick(placements);
  const type = rng.weighted(TYPE_WEIGHTS);
  let status = rng.weighted(STATUS_WEIGHTS);
  if (type === "complaint" && status === "submitted" && n % 2) status = "assigned";
  const texts = DESCRIPTIONS[type] ?? ["—"];
  const textIndex = rng.int(0, texts.length - 1);
  const repairCategory = type === "repair" ? CATEGORY_FOR_TEXT[textIndex] : null;
  const classification: ComplaintClass | null =
    type === "complaint" && status !== "submitted"
      ? rng.weighted<ComplaintClass>([
          ["invalid", 2],
          ["general", 5],
          ["medium", 2],
          ["major", 1],
        ])
      : null;
  const points = classification
    ? { invalid: -1, general: -rng.int(2, 5), medium: -rng.int(6, 10), major: -rng.int(11, 30) }[classification]
    : null;
  const severity = classification ? SEVERITY_OF_CLASS[classification] : type === "security" ? "high" : "normal";
  // Open orders are recent-ish (some past their deadlines → overdue); finished ones older.
  const ageMinutes = ["assigned", "accepted", "in_progress", "submitted"].includes(status)
    ? rng.int(10, 6 * 24 * 60)
    : rng.int(2 * 24 * 60, 60 * 24 * 60);
  const created = new Date(plan.now.getTime() - ageMinutes * MINUTE);
  return { p, type, status, description: texts[textIndex], repairCategory, classification, points, severity, created };
}

type Draft = ReturnType<typeof drawOrder>;

/** Who it goes to, as dispatch would decide; an order nobody can take stays submitted. */
function dispatchOrder(plan: OrderPlan, d: Draft): Person[] {
  const { technicians, techLoad, supervisorOf, managerOf } = plan;
  const people: Person[] = [];
  if (d.status === "submitted") return people;
  const route = dispatchPlan({ type: d.type, classification: d.classification, repairCategory: d.repairCategory });
  if (route.kind === "technician") {
    const skilled = technicians.filter(
      (t, i) => i === 0 || route.category === "plumbing" || route.category === "public_areas",
    );
    const tech = [...skilled].sort((a, b) => techLoad.get(a)! - techLoad.get(b)! || a - b)[0];
    if (tech) {
      people.push({ userId: tech, role: "technician" });
      if (["assigned", "accepted", "in_progress"].includes(d.status)) techLoad.set(tech, techLoad.get(tech)! + 1);
    }
  } else
    for (const role of route.roles) {
      const userId =
        role === "butler"
          ? d.p.butlerId
          : role === "supervisor"
            ? supervisorOf.get(d.p.butlerId ?? -1)
            : role === "project_manager"
              ? managerOf.get(d.p.communityId)
              : undefined;
      if (userId && !people.some((x) => x.userId === userId)) people.push({ userId, role });
    }
  if (!people.length) d.status = "submitted";
  return people;
}

/** The order's timeline: minutes after creation, and which states it reached. */
function orderTimeline(plan: OrderPlan, d: Draft) {
  const { status } = d;
  const sla = defaultSla(d.type, d.severity);
  const wasDispatched = status !== "submitted";
  const acceptedAtM = plan.rng.int(5, Math.max(6, sla.acceptMinutes));
  const resolvedAtM = acceptedAtM + plan.rng.int(30, Math.max(31, sla.resolveMinutes));
  const reached = (s_: WorkOrderStatus) => {
    if (status === "cancelled") return s_ === "submitted" || (s_ === "assigned" && wasDispatched);
    return STATUS_ORDER.indexOf(status) >= STATUS_ORDER.indexOf(s_);
  };
  const at = (m: number) => new Date(d.created.getTime() + m * MINUTE);
  return { sla, wasDispatched, acceptedAtM, resolvedAtM, reached, at };
}

type Timeline = ReturnType<typeof orderTimeline>;

function orderRow(plan: OrderPlan, id: number, d: Draft, tl: Timeline): OrderRow {
  const { rng, companyId } = plan;
  const { classification, status, type } = d;
  const { sla, wasDispatched, acceptedAtM, resolvedAtM, reached, at } = tl;
  const rating =
    status === "closed"
      ? rng.weighted([
          [5, 50],
          [4, 30],
          [3, 12],
          [2, 5],
          [1, 3],
        ])
      : null;
  return {
    id,
    companyId,
    type,
    source: rng.weighted([
      ["resident", 6],
      ["front_desk", 3],
      ["staff", 1],
    ] as const),
    repairCategory: d.repairCategory,
    householdId: d.p.householdId,
    unitId: d.p.unitId,
    communityId: d.p.communityId,
    description: d.description,
    status,
    severity: d.severity,
    classification,
    points: d.points,
    triagedAt: classification ? at(2) : null,
    followUp: classification
      ? classification === "invalid"
        ? "explain"
        : "report_back"
      : type === "suggestion"
        ? "explain"
        : null,
    acceptDueAt: wasDispatched ? at(sla.acceptMinutes + 3) : null,
    resolveDueAt: wasDispatched ? at(sla.resolveMinutes + 3) : null,
    acceptedAt: reached("accepted") ? at(acceptedAtM) : null,
    startedAt: reached("in_progress") ? at(acceptedAtM + 10) : null,
    resolvedAt: reached("resolved") ? at(resolvedAtM) : null,
    confirmedAt: reached("confirmed") ? at(resolvedAtM + 600) : null,
    closedAt: reached("closed") ? at(resolvedAtM + 600) : null,
    cancelledAt: status === "cancelled" ? at(60) : null,
    cancelReason: status === "cancelled" ? "住户已自行处理" : null,
    resolutionNote: reached("resolved") ? "已处理完毕" : null,
    rating,
    ratingComment: rating && rating <= 2 ? "处理太慢" : null,
    createdAt: d.created,
    updatedAt: d.created,
  };
}

/** The order's events and its assignees, in the order they happened. */
function orderHistory(plan: OrderPlan, id: number, d: Draft, tl: Timeline, people: Person[]) {
  const { companyId, ids, events, assignees, admins } = plan;
  const { classification, points, status } = d;
  const { wasDispatched, acceptedAtM, resolvedAtM, reached, at } = tl;
  const ev = (
    action: string,
    from: WorkOrderStatus | null,
    to: WorkOrderStatus,
    m: number,
    actorUserId: number | null = null,
    note: string | null = null,
  ) =>
    events.push({
      id: ids.work_order_events + events.length,
      companyId,
      workOrderId: id,
      actorUserId,
      action,
      fromStatus: from,
      toStatus: to,
      note,
      at: at(m),
    });
  ev("submit", null, "submitted", 0, null, null);
  if (classification) ev("triage", "submitted", "triaged", 2, admins[0] ?? null, `${classification} ${points}`);
  if (wasDispatched) {
    ev("dispatch", classification ? "triaged" : "submitted", "assigned", 3);
    for (const person of people)
      assignees.push({
        id: ids.work_order_assignees + assignees.length,
        companyId,
        workOrderId: id,
        userId: person.userId,
        role: person.role,
        assignedAt: at(3),
        acceptedAt: reached("accepted") ? at(acceptedAtM) : null,
      });
  }
  const lead = people[0]?.userId ?? null;
  if (reached("accepted")) ev("accept", "assigned", "accepted", acceptedAtM, lead);
  if (reached("in_progress")) ev("start", "accepted", "in_progress", acceptedAtM + 10, lead);
  if (reached("resolved")) ev("resolve", "in_progress", "resolved", resolvedAtM, lead, "已处理完毕");
  if (reached("confirmed")) ev("confirm", "resolved", "confirmed", resolvedAtM + 600);
  if (reached("closed")) ev("close", "confirmed", "closed", resolvedAtM + 600);
  if (status === "cancelled")
    ev("cancel", wasDispatched ? "assigned" : "submitted", "cancelled", 60, null, "住户已自行处理");
}

function planOrders(plan: OrderPlan) {
  for (let n = 0; n < DEMO_ORDERS && plan.placements.length; n++) {
    const id = plan.ids.work_orders + n;
    const draft = drawOrder(plan, n);
    const people = dispatchOrder(plan, draft);
    const timeline = orderTimeline(plan, draft);
    plan.orders.push(orderRow(plan, id, draft, timeline));
    orderHistory(plan, id, draft, timeline, people);
  }
}

/** Inbox entries: each open dispatch for its assignee, each resolution for the household's residents. */
async function seedOrderInbox(db: Db, companyId: number, orders: OrderRow[], assignees: AssigneeRow[]) {
  const residentsOf = new Map<number, number[]>();
  for (const l of await db
    .select({ householdId: s.residentLinks.householdId, userId: s.residentLinks.userId })
    .from(s.residentLinks)
    .where(and(eq(s.residentLinks.companyId, companyId), eq(s.residentLinks.status, "approved"))))
    residentsOf.set(l.householdId, [...(residentsOf.get(l.householdId) ?? []), l.userId]);
  const inbox: (typeof s.notifications.$inferInsert)[] = [];
  for (const a of assignees) {
    const o = orders.find((x) => x.id === a.workOrderId)!;
    if (o.status === "assigned" || o.status === "accepted" || o.status === "in_progress")
      inbox.push({
        companyId,
        userId: a.userId,
        kind: "order.dispatched",
        payload: { orderId: o.id!, type: o.type },
        href: `/staff/orders/${o.id}`,
        readAt: a.acceptedAt ?? null,
        createdAt: a.assignedAt,
      });
  }
  for (const o of orders)
    if (o.status === "resolved")
      for (const userId of residentsOf.get(o.householdId!) ?? [])
        inbox.push({
          companyId,
          userId,
          kind: "order.resolved",
          payload: { orderId: o.id!, type: o.type },
          href: `/requests/${o.id}`,
          readAt: null,
          createdAt: o.resolvedAt!,
        });
  await insertRows(db, s.notifications, inbox);
}

/** Equipment and maintenance plans: an elevator, a pump, the fire system and the gate per community. */
async function seedEquipment(db: Db, companyId: number, communityIds: number[], ids: Ids, now: Date) {
  const equipmentRows: (typeof s.equipment.$inferInsert)[] = [];
  const plans: (typeof s.maintenancePlans.$inferInsert)[] = [];
  const start = new Date(now.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  communityIds.forEach((communityId, ci) =>
    EQUIPMENT_KINDS.forEach(([kind, name, location, title, every, interval, checklist]) => {
      const eid = ids.equipment + equipmentRows.length;
      equipmentRows.push({ id: eid, companyId, communityId, name, kind, location });
      plans.push({
        id: ids.maintenance_plans + plans.length,
        companyId,
        equipmentId: eid,
        title,
        every,
        interval,
        startDate: start,
        leadDays: 3 + ci,
        checklist: [...checklist],
      });
    }),
  );
  await insertRows(db, s.equipment, equipmentRows);
  await insertRows(db, s.maintenancePlans, plans);
  return equipmentRows.length;
}

async function seedKbArticles(db: Db, companyId: number, ids: Ids, authorId: number | null) {
  const articles: (typeof s.kbArticles.$inferInsert)[] = ARTICLES.map(([title, category, body, types, pub], i) => ({
    id: ids.kb_articles + i,
    companyId,
    title: title as string,
    category: category as (typeof s.KB_CATEGORIES)[number],
    body: body as string,
    workOrderTypes: [...types] as string[],
    public: pub as boolean,
    createdByUserId: authorId,
  }));
  await insertRows(db, s.kbArticles, articles);
  return articles.length;
}

export async function seedDemoTickets(db: Db, companyId: number, rng: Rng, now: Date) {
  const ctx = await loadTicketContext(db, companyId);

  // Technicians' skills: the first (the demo login) does everything; the others plumbing and public areas.
  const skills: (typeof s.technicianSkills.$inferInsert)[] = ctx.technicians.flatMap((userId, i) =>
    (i === 0
      ? (["plumbing", "electrical", "elevator", "doors_locks", "public_areas"] as const)
      : (["plumbing", "public_areas"] as const)
    ).map((category) => ({ companyId, userId, category })),
  );
  await insertRows(db, s.technicianSkills, skills);

  const ids = await firstIds(db, {
    work_orders: s.workOrders,
    work_order_assignees: s.workOrderAssignees,
    work_order_events: s.workOrderEvents,
    equipment: s.equipment,
    maintenance_plans: s.maintenancePlans,
    kb_articles: s.kbArticles,
  });
  const plan: OrderPlan = {
    ...ctx,
    companyId,
    rng,
    now,
    ids,
    techLoad: new Map(ctx.technicians.map((t) => [t, 0])),
    orders: [],
    assignees: [],
    events: [],
  };
  planOrders(plan);
  const { orders, assignees, events } = plan;
  await insertRows(db, s.workOrders, orders);
  await insertRows(db, s.workOrderAssignees, assignees);
  await insertRows(db, s.workOrderEvents, events);
  await seedOrderInbox(db, companyId, orders, assignees);

  const equipment = await seedEquipment(db, companyId, ctx.communityIds, ids, now);
  const articles = await seedKbArticles(db, companyId, ids, ctx.admins[0] ?? null);
  return { orders: orders.length, equipment, articles };
}
