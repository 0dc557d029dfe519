import { expect, test as setup, type APIRequestContext } from "@playwright/test";
import { sql } from "drizzle-orm";
import fs from "node:fs";
import path from "node:path";
import {
  consentRecords,
  crmDisputes,
  householdUnits,
  memberships,
  residentLinks,
  surveyRecipients,
  users,
  workOrderAssignees,
  workOrderAttachments,
  workOrders,
} from "../../../db/schema";
import { hashPassword } from "../../../lib/auth/password";
import { PRIVACY_NOTICE_VERSION } from "../../../lib/privacy/rules";
import type { Db } from "../../../lib/db/client";
import { signUpCompany } from "../../../lib/flows/sign-up-company";
import { withE2eDb } from "../support/db";
import { demo } from "../support/demo";
import { EXTRA_LOGINS, matrixAuthFile, writeMatrixFixtures, type MatrixFixtures } from "./matrix-fixtures";

/**
 * Data for the authorization matrix (tests/e2e/security/matrix.spec.ts), made once per run in the
 * setup project: a second company with its admin, a second resident of the demo company in
 * another household, one photo on the demo resident's repair order, a collection order of the
 * other household dispatched to finance and legal (with a photo); then the concrete ids every
 * dynamic route of the matrix uses — the demo company's own rows, picked deterministically (the
 * lowest id that fits). Safe to run again against the same database.
 */
const PHOTO = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const PHOTO_PATH = "e2e-matrix/order-photo.png";
const COLLECTION_TITLE = "矩阵测试催费工单";

/** The first row of a raw query (drizzle's libsql `get` throws on an empty result). */
async function first<T>(db: Db, query: ReturnType<typeof sql>): Promise<T | undefined> {
  return (await db.all<T>(query))[0];
}

async function one(db: Db, what: string, query: ReturnType<typeof sql>): Promise<number> {
  const row = await first<{ id: number | null }>(db, query);
  if (row?.id == null)
    throw new Error(`matrix setup: no ${what} in the seeded demo company — did the demo seed change?`);
  return Number(row.id);
}

async function userId(db: Db, phone: string): Promise<number | null> {
  const row = await first<{ id: number }>(db, sql`select id from ${users} where phone = ${phone}`);
  return row?.id ?? null;
}

/** The foreign company and its admin (created through the same command the sign-up page uses). */
async function ensureForeignAdmin(db: Db) {
  const login = EXTRA_LOGINS.foreign_admin;
  if (await userId(db, login.phone)) return;
  await signUpCompany(db, {
    companyName: login.companyName,
    name: "外部管理员",
    phone: login.phone,
    email: login.email,
    password: login.password,
  });
}

/** A resident of the demo company, linked (approved) to `householdId` only. */
async function ensureOtherResident(db: Db, companyId: number, householdId: number) {
  const login = EXTRA_LOGINS.other_resident;
  if (await userId(db, login.phone)) return;
  const [u] = await db
    .insert(users)
    .values({
      name: "矩阵住户",
      phone: login.phone,
      email: login.email,
      passwordHash: await hashPassword(login.password),
    })
    .returning();
  await db.insert(memberships).values({ companyId, userId: u.id, role: "resident" });
  await db
    .insert(residentLinks)
    .values({ companyId, userId: u.id, householdId, relation: "owner", status: "approved" });
  await db
    .insert(consentRecords)
    .values({ companyId, userId: u.id, document: "privacy_notice", version: PRIVACY_NOTICE_VERSION });
}

async function lookUp(db: Db): Promise<MatrixFixtures> {
  const C = await one(
    db,
    "demo company",
    sql`select m.company_id as id from memberships m join users u on u.id = m.user_id where u.phone = ${demo("admin").phone}`,
  );
  const R = await one(db, "demo resident", sql`select id from users where phone = ${demo("resident").phone}`);
  const B = await one(db, "demo butler", sql`select id from users where phone = ${demo("butler").phone}`);
  const T = await one(db, "demo technician", sql`select id from users where phone = ${demo("technician").phone}`);
  const household = await one(
    db,
    "resident household",
    sql`select min(household_id) as id from resident_links where user_id = ${R} and status = 'approved'`,
  );
  const building = await one(
    db,
    "resident building",
    sql`select min(u.building_id) as id from household_units hu join units u on u.id = hu.unit_id where hu.household_id = ${household}`,
  );
  const community = await one(
    db,
    "resident community",
    sql`select community_id as id from buildings where id = ${building}`,
  );
  const butlerBuildings = sql`(select building_id from building_butlers where butler_user_id = ${B} union select u.building_id from unit_butlers ub join units u on u.id = ub.unit_id where ub.butler_user_id = ${B})`;
  const survey = await one(db, "survey of the company", sql`select min(id) as id from surveys where company_id = ${C}`);
  const otherHousehold = await one(
    db,
    "household of the demo butler with an arrears notice and no resident",
    sql`select min(n.household_id) as id from crm_notices n join household_units hu on hu.household_id = n.household_id join units u on u.id = hu.unit_id
        where n.company_id = ${C} and u.building_id in ${butlerBuildings} and n.household_id not in (select household_id from resident_links)`,
  );
  const otherBuilding = await one(
    db,
    "building of the community not served by the demo butler",
    sql`select min(id) as id from buildings where company_id = ${C} and community_id = ${community} and id not in ${butlerBuildings}`,
  );
  const otherBuildingHousehold = await one(
    db,
    "household in that building",
    sql`select min(hu.household_id) as id from household_units hu join units u on u.id = hu.unit_id where u.building_id = ${otherBuilding}`,
  );
  const farCommunity = await one(
    db,
    "second community",
    sql`select min(id) as id from communities where company_id = ${C} and id != ${community}`,
  );
  const order = await one(
    db,
    "repair order of the resident dispatched to the demo technician",
    sql`select min(o.id) as id from work_orders o join work_order_assignees a on a.work_order_id = o.id where o.household_id = ${household} and o.type = 'repair' and a.user_id = ${T}`,
  );
  const farOrder = await one(
    db,
    "order in the second community",
    sql`select min(o.id) as id from work_orders o where o.company_id = ${C} and o.community_id = ${farCommunity} and o.household_id is not null and not exists (select 1 from work_order_assignees a where a.work_order_id = o.id and a.user_id in (${B}, ${T}))`,
  );
  // The quarter's survey reaches every household in the end (lib/crm/surveys.ts); both residents' households have it now.
  await db
    .insert(surveyRecipients)
    .values(
      [household, otherHousehold].map((householdId) => ({
        surveyId: survey,
        householdId,
        companyId: C,
        sentAt: new Date(),
      })),
    )
    .onConflictDoNothing();
  const bill = await one(
    db,
    "bill of the resident's household",
    sql`select min(id) as id from bills where household_id = ${household}`,
  );
  const G = await one(db, "demo guard", sql`select id from users where phone = ${demo("guard").phone}`);
  return {
    patrolRound: await one(
      db,
      "round of the demo guard",
      sql`select min(id) as id from patrol_rounds where guard_id = ${G}`,
    ),
    otherPatrolRound: await one(
      db,
      "round of another guard",
      sql`select min(id) as id from patrol_rounds where company_id = ${C} and guard_id != ${G}`,
    ),
    patrolRoute: await one(db, "patrol route", sql`select min(id) as id from patrol_routes where company_id = ${C}`),
    bill,
    dispute: await ensureDispute(db, C, household, R, bill),
    household,
    otherHousehold,
    otherBuildingHousehold,
    building,
    otherBuilding,
    community,
    farCommunity,
    order,
    farOrder,
    survey,
    attachment: 0,
    collectionOrder: 0,
    collectionPhoto: 0,
    payment: await one(
      db,
      "payment of the resident's household",
      sql`select min(id) as id from payments where household_id = ${household}`,
    ),
    activity: await one(
      db,
      "activity of the resident's community",
      sql`select min(id) as id from activities where company_id = ${C} and community_id = ${community}`,
    ),
    portalNotice: await one(
      db,
      "published announcement of the resident's community",
      sql`select min(id) as id from portal_notices where company_id = ${C} and community_id = ${community} and publish_at <= ${Date.now()}`,
    ),
    kbPublic: await one(
      db,
      "public article",
      sql`select min(id) as id from kb_articles where company_id = ${C} and public = 1`,
    ),
    kbInternal: await one(
      db,
      "internal article",
      sql`select min(id) as id from kb_articles where company_id = ${C} and public = 0`,
    ),
    crmNotice: await one(
      db,
      "arrears notice of the other household",
      sql`select min(id) as id from crm_notices where household_id = ${otherHousehold}`,
    ),
    shopOrder: await one(
      db,
      "shop order of another household",
      sql`select min(id) as id from shop_orders where company_id = ${C} and household_id not in (${household}, ${otherHousehold})`,
    ),
    approval: await one(
      db,
      "approval request",
      sql`select min(id) as id from approval_requests where company_id = ${C}`,
    ),
    visit: await one(
      db,
      "visit of the demo butler",
      sql`select min(id) as id from visits where company_id = ${C} and butler_user_id = ${B}`,
    ),
    assessment: await one(db, "assessment", sql`select min(id) as id from assessments where company_id = ${C}`),
    staffRecord: await one(db, "staff record", sql`select min(id) as id from staff_records where company_id = ${C}`),
    training: await one(db, "training course", sql`select min(id) as id from training_courses where company_id = ${C}`),
    legalCase: await one(db, "legal case", sql`select min(id) as id from crm_legal_cases where company_id = ${C}`),
  };
}

/** A dispute of the demo resident about the bill, already answered (so it pauses nothing); made once. */
async function ensureDispute(
  db: Db,
  companyId: number,
  householdId: number,
  userId: number,
  billId: number,
): Promise<number> {
  const found = await first<{ id: number }>(
    db,
    sql`select id from crm_disputes where bill_id = ${billId} and created_by_user_id = ${userId} and status = 'rejected'`,
  );
  if (found) return found.id;
  const [row] = await db
    .insert(crmDisputes)
    .values({
      companyId,
      householdId,
      subject: "bill",
      billId,
      reason: "矩阵测试：账单有误",
      createdByUserId: userId,
      status: "rejected",
      resolution: "核对无误",
    })
    .returning({ id: crmDisputes.id });
  return row.id;
}

/** One photo on an order (the file under ./uploads, where the server reads it). */
async function ensurePhoto(db: Db, orderId: number): Promise<number> {
  const full = path.resolve(process.env.UPLOADS_DIR || "uploads", PHOTO_PATH);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, PHOTO);
  const existing = await first<{ id: number }>(
    db,
    sql`select id from ${workOrderAttachments} where stored_path = ${PHOTO_PATH} and work_order_id = ${orderId}`,
  );
  if (existing) return existing.id;
  const order = await first<{ companyId: number }>(
    db,
    sql`select company_id as companyId from work_orders where id = ${orderId}`,
  );
  const [row] = await db
    .insert(workOrderAttachments)
    .values({
      companyId: order!.companyId,
      workOrderId: orderId,
      kind: "before",
      storedPath: PHOTO_PATH,
      mime: "image/png",
      size: PHOTO.length,
      sha256: "e2e-matrix",
    })
    .returning({ id: workOrderAttachments.id });
  return row.id;
}

/**
 * A collection order (催费) of the other household dispatched to the demo finance and legal staff:
 * the one kind of order SPEC §2 lets them see. (The arrears ladder dispatches butlers, supervisors
 * and project managers today; the assignee row's role names the dispatch slot, not the person's role.)
 */
async function ensureCollectionOrder(db: Db, householdId: number): Promise<number> {
  const existing = await first<{ id: number }>(
    db,
    sql`select id from ${workOrders} where title = ${COLLECTION_TITLE} and household_id = ${householdId}`,
  );
  if (existing) return existing.id;
  const placed = await first<{ companyId: number; unitId: number; communityId: number }>(
    db,
    sql`select hu.company_id as companyId, hu.unit_id as unitId, b.community_id as communityId from household_units hu join units u on u.id = hu.unit_id join buildings b on b.id = u.building_id where hu.household_id = ${householdId} order by hu.unit_id limit 1`,
  );
  const now = new Date();
  const [order] = await db
    .insert(workOrders)
    .values({
      companyId: placed!.companyId,
      type: "collection",
      source: "system",
      householdId,
      unitId: placed!.unitId,
      communityId: placed!.communityId,
      title: COLLECTION_TITLE,
      description: COLLECTION_TITLE,
      status: "assigned",
    })
    .returning({ id: workOrders.id });
  const staffIds = await db.all<{ id: number }>(
    sql`select id from ${users} where phone in (${demo("finance").phone}, ${demo("legal").phone})`,
  );
  await db.insert(workOrderAssignees).values(
    staffIds.map((u) => ({
      companyId: placed!.companyId,
      workOrderId: order.id,
      userId: u.id,
      role: "butler" as const,
      assignedAt: now,
    })),
  );
  return order.id;
}

async function signIn(api: APIRequestContext, identifier: string, password: string) {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await api.post("/api/auth/callback/credentials", {
    form: { csrfToken, identifier, password, callbackUrl: "/", json: "true" },
  });
  expect(res.ok(), `sign-in of ${identifier}: HTTP ${res.status()}`).toBeTruthy();
  const session = (await (await api.get("/api/auth/session")).json()) as { uid?: number };
  expect(session.uid, `no session for ${identifier}`).toBeTruthy();
}

setup("authorization matrix: second company, second resident, fixture ids", async ({ playwright, baseURL }) => {
  const fixtures = await withE2eDb(async (db) => {
    const f = await lookUp(db);
    await ensureForeignAdmin(db);
    await ensureOtherResident(
      db,
      (await first<{ id: number }>(
        db,
        sql`select company_id as id from ${householdUnits} where household_id = ${f.otherHousehold}`,
      ))!.id,
      f.otherHousehold,
    );
    const collectionOrder = await ensureCollectionOrder(db, f.otherHousehold);
    return {
      ...f,
      attachment: await ensurePhoto(db, f.order),
      collectionOrder,
      collectionPhoto: await ensurePhoto(db, collectionOrder),
    };
  });
  writeMatrixFixtures(fixtures);
  for (const who of ["foreign_admin", "other_resident"] as const) {
    const api = await playwright.request.newContext({ baseURL });
    await signIn(api, EXTRA_LOGINS[who].phone, EXTRA_LOGINS[who].password);
    await api.storageState({ path: matrixAuthFile(who) });
    await api.dispose();
  }
});
