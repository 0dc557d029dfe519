/**
 * Demo data of the resident portal (示范物业): announcements per community (one pinned, one
 * emergency in the demo resident's community, one scheduled), activities (one full with a
 * waiting list), shop products and services with stock, a few paid orders with their income,
 * and public service-guide articles on residents' and the company's rights and duties.
 * Runs inside seedDemo before the seed's completion mark, so it is idempotent with it.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../lib/db/client";
import * as s from "../../db/schema";
import { localDate } from "../../lib/time/zone";

const DAY = 86_400_000;
const HOUR = 3_600_000;

const ARTICLES: { title: string; category: "guide" | "legal"; body: string }[] = [
  {
    title: "物业费：交什么、怎么算、逾期会怎样",
    category: "guide",
    body: "物业费按房屋建筑面积和物价部门备案的单价按月计收，账单每月生成，可在“缴费”页在线支付或到物业服务中心缴纳。逾期未交的，物业会先提醒、上门沟通，必要时依法发律师函或起诉；物业不得因欠费对业主采取停水、停电、停气等措施。预交物业费满 12 个月可获得金章服务卡，在网购平台享受会员折扣。",
  },
  {
    title: "《民法典》第九百四十四条：欠费不得停水停电",
    category: "legal",
    body: "《中华人民共和国民法典》第九百四十四条：业主应当按照约定向物业服务人支付物业费。物业服务人已经按照约定和有关规定提供服务的，业主不得以未接受或者无需接受相关物业服务为由拒绝支付物业费。业主违反约定逾期不支付物业费的，物业服务人可以催告其在合理期限内支付；合理期限届满仍不支付的，物业服务人可以提起诉讼或者申请仲裁。物业服务人不得采取停止供电、供水、供热、供燃气等方式催交物业费。",
  },
  {
    title: "维修责任：哪些归物业，哪些归业主",
    category: "legal",
    body: "共用部位和共用设施设备（电梯、楼道、外墙、公共管网、消防设施等）由物业负责日常维修养护，大中修按规定使用专项维修资金。专有部分（户内水电管线、门窗、户内设施）由业主自行负责，物业可提供有偿维修服务。户内漏水影响楼下的，由责任方承担维修与赔偿。报修可在“诉求”页提交，物业按时限响应。",
  },
  {
    title: "噪音管理：安静时段与投诉办法",
    category: "guide",
    body: "依据《中华人民共和国噪声污染防治法》，居民住宅区夜间（22:00—次日 6:00）应保持安静；装修施工仅限工作日 8:00—12:00、14:00—18:00。受到噪音干扰可在“诉求”页提交投诉，管家会上门劝导；持续扰民的，物业将报告相关部门处理。",
  },
  {
    title: "文明养宠：登记、牵绳与清理",
    category: "guide",
    body: "犬只应依法办理登记并按时免疫；出户须牵绳，电梯内请抱起或靠边，避让他人；宠物粪便请及时清理。烈性犬、大型犬按所在城市规定管理。因宠物造成他人损害的，饲养人依《民法典》第一千二百四十五条承担侵权责任。",
  },
  {
    title: "装修须知：申报、时间与垃圾清运",
    category: "legal",
    body: "装修前请到物业服务中心办理装修登记，签订装修管理协议并告知施工范围。不得拆改承重墙、擅自改变房屋外观或占用公共部位（《民法典》第二百七十二条、第二百七十九条）。装修垃圾袋装后堆放至指定地点，由物业统一清运。违规装修物业有权劝阻、制止并报告有关部门。",
  },
  {
    title: "业主与物业的权利义务一览",
    category: "legal",
    body: "业主享有对共有部分的共有和共同管理权利，有权监督物业服务、查询共有部分收益（《民法典》第二百七十一条至第二百八十七条），并应遵守管理规约、按时交纳物业费。物业服务人应按约定提供服务、定期公开服务事项与收费、妥善保管共有部分资料，不得擅自占用共有部分牟利（第九百三十七条至第九百五十条）。",
  },
];

const PRODUCTS = [
  {
    kind: "product" as const,
    name: "桶装饮用水（18.9L）",
    description: "送水上门，空桶回收",
    priceFen: 2000,
    stock: 200,
  },
  {
    kind: "product" as const,
    name: "有机蔬菜礼盒",
    description: "本地农场直供，每周二、五配送",
    priceFen: 8800,
    stock: 30,
  },
  { kind: "product" as const, name: "大米 5kg", description: "东北五常稻花香", priceFen: 6990, stock: 50 },
  {
    kind: "service" as const,
    name: "家政保洁（3 小时）",
    description: "专业保洁员上门，含基础清洁用品",
    priceFen: 15000,
    stock: 20,
  },
  { kind: "service" as const, name: "空调清洗", description: "挂机/柜机深度清洗消毒", priceFen: 12000, stock: 15 },
  { kind: "service" as const, name: "家电维修上门检测", description: "检测费，维修另计", priceFen: 5000, stock: 10 },
];

/** The company's time zone, communities, notice author and resident accounts. */
async function loadPortalContext(db: Db, companyId: number) {
  const [company] = await db
    .select({ timeZone: s.companies.timeZone })
    .from(s.companies)
    .where(eq(s.companies.id, companyId));
  const tz = company?.timeZone ?? "Asia/Shanghai";
  const communities = await db
    .select({ id: s.communities.id, name: s.communities.name })
    .from(s.communities)
    .where(eq(s.communities.companyId, companyId))
    .orderBy(s.communities.id);
  const staff = await db
    .select({ userId: s.memberships.userId })
    .from(s.memberships)
    .where(and(eq(s.memberships.companyId, companyId), eq(s.memberships.role, "front_desk")))
    .limit(1);
  const author = staff[0]?.userId ?? null;
  // Resident accounts per community (approved links), in id order.
  const accounts = await db.all<{ userId: number; householdId: number; communityId: number; email: string | null }>(sql`
    select distinct l.user_id as userId, l.household_id as householdId, b.community_id as communityId, u.email as email
    from resident_links l join household_units hu on hu.household_id = l.household_id
    join units un on un.id = hu.unit_id join buildings b on b.id = un.building_id join users u on u.id = l.user_id
    where l.company_id = ${companyId} and l.status = 'approved' and un.type = 'residential'
    order by l.user_id`);
  const demoResident = accounts.find((a) => a.email === "resident@demo.guanjia.cn");
  const residentCommunity = demoResident?.communityId ?? communities[0]?.id;
  return { companyId, tz, communities, author, accounts, demoResident, residentCommunity };
}

type PortalContext = Awaited<ReturnType<typeof loadPortalContext>>;

/** Announcements: three per community, and an emergency one in the demo resident's community. */
function planNotices(ctx: PortalContext, now: Date) {
  const { companyId, communities, author, residentCommunity } = ctx;
  const notices: (typeof s.portalNotices.$inferInsert)[] = [];
  for (const c of communities) {
    notices.push(
      {
        companyId,
        communityId: c.id,
        title: `${c.name}停车管理规定（2026 版）`,
        body: "为规范小区停车秩序，自下月起地面车位实行月卡管理，临时停车按次收费。请业主到物业服务中心办理登记。",
        pinned: true,
        emergency: false,
        publishAt: new Date(now.getTime() - 20 * DAY),
        createdByUserId: author,
      },
      {
        companyId,
        communityId: c.id,
        title: "冬季消防安全提示",
        body: "请勿在楼道堆放杂物，电动自行车请到集中充电区充电，严禁入户充电。",
        pinned: false,
        emergency: false,
        publishAt: new Date(now.getTime() - 5 * DAY),
        createdByUserId: author,
      },
      {
        companyId,
        communityId: c.id,
        title: "元旦游园活动预告",
        body: "元旦当天上午在中心花园举办游园活动，欢迎全家参加，报名请见“社区活动”。",
        pinned: false,
        emergency: false,
        publishAt: new Date(now.getTime() + 3 * DAY),
        createdByUserId: author,
      },
    );
  }
  if (residentCommunity) {
    notices.push({
      companyId,
      communityId: residentCommunity,
      title: "紧急停水通知",
      body: "因市政管网抢修，今日 14:00—18:00 小区停水，请提前储水。给您带来不便，敬请谅解。",
      pinned: false,
      emergency: true,
      publishAt: new Date(now.getTime() - 2 * HOUR),
      createdByUserId: author,
    });
  }
  // Published ones were announced when they went live; the scheduled one waits for the minute tick.
  for (const n of notices) n.notifiedAt = n.publishAt <= now ? n.publishAt : null;
  return notices;
}

/** Writes the announcements, and the reads of some residents (read rates for staff); never the demo resident's. */
async function seedNotices(db: Db, ctx: PortalContext, now: Date) {
  const { companyId, accounts, demoResident } = ctx;
  const notices = planNotices(ctx, now);
  const insertedNotices = notices.length
    ? await db.insert(s.portalNotices).values(notices).returning({
        id: s.portalNotices.id,
        communityId: s.portalNotices.communityId,
        publishAt: s.portalNotices.publishAt,
        emergency: s.portalNotices.emergency,
      })
    : [];
  const reads: (typeof s.portalNoticeReads.$inferInsert)[] = [];
  for (const n of insertedNotices) {
    if (n.publishAt > now || n.emergency) continue;
    const readers = accounts.filter((a) => a.communityId === n.communityId && a.userId !== demoResident?.userId);
    for (const [i, a] of readers.entries())
      if (i % 3 !== 2)
        reads.push({ noticeId: n.id, userId: a.userId, companyId, readAt: new Date(n.publishAt.getTime() + HOUR) });
  }
  const uniqueReads = [...new Map(reads.map((r) => [`${r.noticeId}:${r.userId}`, r])).values()];
  for (let i = 0; i < uniqueReads.length; i += 500)
    await db.insert(s.portalNoticeReads).values(uniqueReads.slice(i, i + 500));
  return insertedNotices.length;
}

/** In a community, a full activity with a waiting list and an open one. */
async function seedCommunityActivities(db: Db, ctx: PortalContext, c: { id: number }, now: Date) {
  const { companyId, tz, author, accounts, demoResident } = ctx;
  const members = accounts.filter((a) => a.communityId === c.id && a.userId !== demoResident?.userId);
  const uniqueMembers = [...new Map(members.map((m) => [m.userId, m])).values()];
  const day = (n: number, hour: number) =>
    new Date(
      Date.parse(`${localDate(new Date(now.getTime() + n * DAY), tz)}T${String(hour).padStart(2, "0")}:00:00+08:00`),
    );
  const [full, open] = await db
    .insert(s.activities)
    .values([
      {
        companyId,
        communityId: c.id,
        title: "亲子手工课：冬日灯笼",
        description: "材料由物业提供，适合 5—12 岁儿童与家长共同参加。",
        place: "社区活动中心二楼",
        startsAt: day(7, 10),
        endsAt: day(7, 12),
        capacity: 3,
        signupDeadline: day(6, 20),
        createdByUserId: author,
      },
      {
        companyId,
        communityId: c.id,
        title: "社区健步走",
        description: "绕小区健步走 5 公里，完成者赠送纪念毛巾。",
        place: "南门广场集合",
        startsAt: day(10, 8),
        endsAt: day(10, 10),
        capacity: 40,
        signupDeadline: day(9, 20),
        createdByUserId: author,
      },
    ])
    .returning();
  const signups: (typeof s.activitySignups.$inferInsert)[] = [];
  uniqueMembers.slice(0, 5).forEach((m, i) =>
    signups.push({
      companyId,
      activityId: full.id,
      userId: m.userId,
      status: i < 3 ? "confirmed" : "waiting",
      queuedAt: new Date(now.getTime() - (10 - i) * HOUR),
    }),
  );
  uniqueMembers.slice(5, 12).forEach((m, i) =>
    signups.push({
      companyId,
      activityId: open.id,
      userId: m.userId,
      status: "confirmed",
      queuedAt: new Date(now.getTime() - (10 - i) * HOUR),
    }),
  );
  if (signups.length) await db.insert(s.activitySignups).values(signups);
}

type Product = typeof s.shopProducts.$inferSelect;
type Account = PortalContext["accounts"][number];

/** A paid order of a buyer, its line and income, and the stock it took. */
async function seedShopOrder(db: Db, ctx: PortalContext, products: Product[], b: Account, i: number, now: Date) {
  const { companyId, tz } = ctx;
  const statuses = ["paid", "accepted", "delivered", "done", "done", "paid"] as const;
  const p = products[i % products.length];
  const qty = (i % 2) + 1;
  const total = p.priceFen * qty;
  const at = new Date(now.getTime() - (i + 1) * DAY);
  const status = statuses[i];
  const [order] = await db
    .insert(s.shopOrders)
    .values({
      companyId,
      userId: b.userId,
      householdId: b.householdId,
      communityId: b.communityId,
      status,
      subtotalFen: total,
      totalFen: total,
      checkoutId: `00000000-0000-4000-8000-${String(companyId).padStart(4, "0")}${String(i).padStart(8, "0")}`,
      providerRef: `seed-${i}`,
      paidAt: at,
      acceptedAt: status !== "paid" ? at : null,
      deliveredAt: status === "delivered" || status === "done" ? at : null,
      doneAt: status === "done" ? at : null,
      createdAt: at,
    })
    .returning();
  await db.insert(s.shopOrderLines).values({
    companyId,
    orderId: order.id,
    productId: p.id,
    name: p.name,
    unitPriceFen: p.priceFen,
    quantity: qty,
    lineFen: total,
  });
  await db.insert(s.shopIncome).values({
    companyId,
    communityId: b.communityId,
    orderId: order.id,
    kind: "sale",
    amountFen: total,
    occurredOn: localDate(at, tz),
  });
  await db
    .update(s.shopProducts)
    .set({ stock: sql`${s.shopProducts.stock} - ${qty}` })
    .where(inArray(s.shopProducts.id, [p.id]));
}

/** Shop: the products and services, and a few paid orders of residents other than the demo one. */
async function seedShop(db: Db, ctx: PortalContext, now: Date) {
  const { companyId, accounts, demoResident } = ctx;
  const products = await db
    .insert(s.shopProducts)
    .values(PRODUCTS.map((p) => ({ companyId, ...p })))
    .returning();
  const buyers = [
    ...new Map(accounts.filter((a) => a.userId !== demoResident?.userId).map((a) => [a.userId, a])).values(),
  ].slice(0, 6);
  let orderCount = 0;
  for (const [i, b] of buyers.entries()) {
    await seedShopOrder(db, ctx, products, b, i, now);
    orderCount++;
  }
  return { products: products.length, orders: orderCount };
}

export async function seedDemoPortal(db: Db, companyId: number, now: Date) {
  const ctx = await loadPortalContext(db, companyId);
  const { author } = ctx;
  const notices = await seedNotices(db, ctx, now);

  // Activities: in each community a full one with a waiting list and an open one.
  let activityCount = 0;
  for (const c of ctx.communities) {
    await seedCommunityActivities(db, ctx, c, now);
    activityCount += 2;
  }

  const shop = await seedShop(db, ctx, now);

  // Service guide and legal information (public knowledge-base articles).
  await db.insert(s.kbArticles).values(
    ARTICLES.map((a) => ({
      companyId,
      title: a.title,
      category: a.category,
      body: a.body,
      workOrderTypes: [],
      public: true,
      createdByUserId: author,
    })),
  );

  return {
    notices,
    activities: activityCount,
    products: shop.products,
    orders: shop.orders,
    articles: ARTICLES.length,
  };
}
