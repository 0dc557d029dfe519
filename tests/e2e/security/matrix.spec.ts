import { expect, test, type APIRequestContext } from "../support/test";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { StaffRole } from "../../../lib/auth/roles";
import { DISPUTE_STAFF_ROLES } from "../../../lib/crm/disputes/access";
import { APPROVER_ROLES } from "../../../lib/residents/rules";
import { GATE_ROLES } from "../../../lib/visitors/rules";
import { authFile } from "../support/demo";
import { matrixAuthFile, readMatrixFixtures } from "./matrix-fixtures";
import {
  api,
  appRoutes,
  each,
  everyone,
  get,
  matches,
  post,
  resident,
  residentRow,
  resolveUrl,
  SIGN_IN,
  staff,
  staffRow,
  visitorsOnly,
  WHO,
  type Case,
  type Who,
} from "./matrix-rules";

/**
 * THE AUTHORIZATION MATRIX (issue 17, SPEC §2): every page and route handler under app/ × every
 * role, the demo company's second resident (another household), another company's admin and a
 * signed-out visitor, with the outcome each must get. Plain HTTP requests with each role's saved
 * session (tests/e2e/auth.setup.ts, matrix.setup.ts), no browser rendering, no redirects followed.
 *
 * The routes come from the file tree: a new page.tsx or route.ts without a row below fails
 * "every route under app/ has a row", and a row whose route is gone fails the reverse check.
 *
 * HOW TO ADD A ROW — one line, keyed by the route's URL pattern (route groups dropped):
 *   "/staff/foo/[id]": [get("/staff/foo/{order}", staffRow(FOO_ROLES, { butler: 404 }))],
 * - `staff(roles)`: roles 200, other members 403, visitors → sign-in, another company's admin as an admin.
 *   `staffRow(roles)`: the same for a page about one row of the demo company (another company's admin 404).
 * - `resident()` / `residentRow()`: resident pages (the other household's resident 404 on a row).
 * - `api(roles)`: route handlers (visitors 401); `everyone(status)`; `visitorsOnly()`; `each(roles, status)` for overrides.
 * - The last argument overrides single cells: `{ finance: 404, signed_out: 401 }`.
 * - "{name}" in a URL is a fixture id (matrix-fixtures.ts; made in matrix.setup.ts — add one there
 *   when a new kind of row is needed, picked deterministically from the demo seed or created).
 * - Outcomes: a status (200/400/401/403/404/405/503) or "→/path" for a redirect there (SIGN_IN).
 * A row may list several cases (the viewer's own row and one outside their scope).
 */

const BILLING = ["finance", "admin"] as const;
const ALL_STAFF = [
  "admin",
  "project_manager",
  "supervisor",
  "butler",
  "front_desk",
  "technician",
  "finance",
  "hr",
  "legal",
  "cleaner",
  "guard",
] as const;
const ORDERS = [
  "admin",
  "front_desk",
  "supervisor",
  "project_manager",
  "butler",
  "technician",
  "finance",
  "legal",
] as const;
const INTAKE = ["admin", "front_desk", "supervisor", "butler", "project_manager"] as const;
const EMERGENCY = ["admin", "front_desk", "supervisor", "project_manager", "butler", "technician"] as const;
const EQUIPMENT = ["admin", "project_manager", "supervisor", "technician"] as const;
const REGISTRY_VIEW = ["admin", "front_desk", "finance", "legal", "project_manager", "supervisor", "butler"] as const;
const REGISTRY_EDIT = ["admin", "project_manager", "front_desk"] as const;
const CRM_DASHBOARD = ["admin", "project_manager", "supervisor", "butler", "front_desk"] as const;
const VISITS = ["admin", "project_manager", "supervisor", "butler"] as const;
const FINANCE_REPORT = ["finance", "admin", "project_manager"] as const;
const HR = ["hr", "admin"] as const;
const LEGAL = ["legal", "admin", "project_manager"] as const;
const PORTAL = ["admin", "project_manager", "supervisor", "front_desk", "butler"] as const;
const SHOP = ["admin", "front_desk", "project_manager", "finance"] as const;
const APPROVERS = APPROVER_ROLES;
const DISPUTES = DISPUTE_STAFF_ROLES.filter((r) => r !== "resident") as StaffRole[];
const PRIVACY_REQUESTS = ["admin", "front_desk"] as const;
const FIELD_BOARD = ["admin", "project_manager", "supervisor"] as const;
const GATE = GATE_ROLES;
/** Finance and legal see no work order but the collection orders assigned to them (SPEC §2). */
const NO_ORDERS = { finance: 404, legal: 404 } as const;
/** Staff who work on no order (HR, and field staff with their own tasks): an order's file is not found for them. */
const FILES_NOT_THEIRS = { hr: 404, cleaner: 404, guard: 404 } as const;
const NO_UUID = "00000000-0000-4000-8000-000000000000";
/** Requests in flight per route test (Playwright runs two workers). */
const PARALLEL = 4;

const ROWS: Record<string, Case[]> = {
  "/": [get("/", visitorsOnly())],
  "/staff/field/cleaning": [get("/staff/field/cleaning", staff(["cleaner"]))],
  "/staff/field/meters": [get("/staff/field/meters", staff(["technician", "supervisor", "project_manager", "admin"]))],
  "/staff/field/patrol": [get("/staff/field/patrol", staff(["guard"]))],
  "/staff/field/patrol/[id]": [
    get("/staff/field/patrol/{patrolRound}", staff(["guard"])),
    get("/staff/field/patrol/{otherPatrolRound}", staff(["guard"], { guard: 404 })),
  ],
  "/staff/field/board": [get("/staff/field/board", staff(FIELD_BOARD))],
  "/staff/field/routes/[id]/print": [get("/staff/field/routes/{patrolRoute}/print", staffRow(FIELD_BOARD))],
  "/staff/field/routes": [get("/staff/field/routes", staff(FIELD_BOARD))],
  "/staff/field/routes/[id]": [get("/staff/field/routes/{patrolRoute}", staffRow(FIELD_BOARD))],
  "/staff/field/areas": [get("/staff/field/areas", staff(FIELD_BOARD))],
  "/staff/field/areas/[id]": [get("/staff/field/areas/{cleaningArea}", staffRow(FIELD_BOARD))],
  "/staff/field/inspections": [get("/staff/field/inspections", staff(FIELD_BOARD))],
  "/staff/field/inspections/new": [get("/staff/field/inspections/new", staff(FIELD_BOARD))],
  "/staff/field/inspections/templates/[id]": [
    get("/staff/field/inspections/templates/{inspectionTemplate}", staffRow(FIELD_BOARD)),
    get("/staff/field/inspections/templates/new", staff(FIELD_BOARD)),
  ],
  "/staff/field/quality": [get("/staff/field/quality", staff(FIELD_BOARD))],
  "/offline": [get("/offline", everyone(200))],
  "/sign-in": [get("/sign-in", visitorsOnly())],
  "/register": [get("/register", visitorsOnly())],
  "/sign-up": [get("/sign-up", everyone(200))],

  "/bills": [get("/bills", resident())],
  "/bills/meters": [get("/bills/meters", resident())],
  "/bills/receipts/[id]": [get("/bills/receipts/{payment}", residentRow())],
  "/community": [get("/community", resident())],
  "/community/activities": [get("/community/activities", resident())],
  "/community/activities/[id]": [get("/community/activities/{activity}", resident())],
  "/community/notices": [get("/community/notices", resident())],
  "/community/notices/[id]": [get("/community/notices/{portalNotice}", resident())],
  "/guide": [get("/guide", resident())],
  "/guide/[id]": [
    get("/guide/{kbPublic}", resident()),
    get("/guide/{kbInternal}", resident({ resident: 404, other_resident: 404 })),
  ],
  "/home": [get("/home", resident())],
  "/me": [get("/me", resident())],
  "/notices/[id]": [get("/notices/{crmNotice}", resident({ resident: 404 }))],
  "/notifications": [get("/notifications", resident())],
  "/pay/sandbox/[sessionId]": [get(`/pay/sandbox/${NO_UUID}`, resident({ resident: 404, other_resident: 404 }))],
  "/pay/online/[sessionId]": [get(`/pay/online/${NO_UUID}`, resident({ resident: 404, other_resident: 404 }))],
  "/requests": [get("/requests", resident())],
  "/requests/[id]": [get("/requests/{order}", residentRow())],
  "/requests/new": [get("/requests/new", resident())],
  "/shop": [get("/shop", resident())],
  "/shop/cart": [get("/shop/cart", resident())],
  "/shop/orders": [get("/shop/orders", resident())],
  "/shop/orders/[id]": [get("/shop/orders/{shopOrder}", resident({ resident: 404, other_resident: 404 }))],
  "/shop/pay/[checkoutId]": [get(`/shop/pay/${NO_UUID}`, resident({ resident: 404, other_resident: 404 }))],
  "/surveys": [get("/surveys", resident())],
  "/disputes": [get("/disputes", resident())],
  "/disputes/new": [
    get("/disputes/new?bill={bill}", residentRow()),
    get("/disputes/new", resident({ resident: 404, other_resident: 404 })),
  ],
  "/me/data": [get("/me/data", resident())],
  "/visitors": [get("/visitors", resident())],
  // A pass of another household is not found (the fixture-free id 0 is nobody's).
  "/visitors/[id]": [get("/visitors/0", resident({ resident: 404, other_resident: 404 }))],
  // The public pass link: an unknown token is a 404 for everyone, signed in or not.
  "/v/[token]": [get(`/v/${"x".repeat(32)}`, everyone(404))],
  "/staff/gate": [get("/staff/gate", staff(GATE))],
  "/me/data/json": [
    get("/me/data/json", resident({ ...each(ALL_STAFF, 403), foreign_admin: 403, signed_out: SIGN_IN })),
  ],
  "/privacy": [get("/privacy", everyone(200))],
  "/privacy/dpa": [get("/privacy/dpa", everyone(200))],
  // Residents who accepted the current notice are sent home; staff are not residents.
  "/privacy/consent": [get("/privacy/consent", resident({ resident: "→/home", other_resident: "→/home" }))],
  "/surveys/[id]": [get("/surveys/{survey}", resident())],

  "/staff": [get("/staff", staff(ALL_STAFF))],
  "/staff/admin/audit": [get("/staff/admin/audit", staff(["admin"]))],
  "/staff/admin/privacy": [get("/staff/admin/privacy", staff(["admin"]))],
  // The whole company's data: only the admin, and always their own company's.
  "/staff/admin/privacy/export": [get("/staff/admin/privacy/export", api(["admin"], { signed_out: SIGN_IN }))],
  "/staff/privacy": [get("/staff/privacy", staff(PRIVACY_REQUESTS))],
  "/staff/crm/disputes": [get("/staff/crm/disputes", staff(DISPUTES))],
  "/staff/crm/disputes/[id]": [get("/staff/crm/disputes/{dispute}", staffRow(DISPUTES))],
  "/staff/admin/users": [get("/staff/admin/users", staff(["admin"]))],
  "/staff/admin/messages": [get("/staff/admin/messages", staff(["admin"]))],
  "/me/notifications": [get("/me/notifications", resident())],
  // WeChat sign-in (lib/auth/wechat.ts): a company without an official account has no start; a callback
  // without this browser's signed state cookie is refused (→ the failure page); the pages work only with a ticket cookie.
  "/wechat/oauth/start": [
    get("/wechat/oauth/start", everyone(404)),
    get("/wechat/oauth/start?company=1", everyone(404)),
  ],
  "/wechat/oauth/callback": [get("/wechat/oauth/callback?code=c&state=s", everyone("→/wechat/continue"))],
  "/wechat/continue": [get("/wechat/continue", everyone(200))],
  "/wechat/bind": [get("/wechat/bind", everyone(200))],
  "/staff/approvals": [get("/staff/approvals", staff(ALL_STAFF))],
  // Only the requester, the request's approvers, finance and admin see a request; only its requester edits it, and only while it is editable.
  "/staff/approvals/[id]": [
    get(
      "/staff/approvals/{approval}",
      staffRow(
        ALL_STAFF,
        each(["front_desk", "hr", "legal", "project_manager", "technician", "cleaner", "guard"], 404),
      ),
    ),
  ],
  "/staff/approvals/[id]/edit": [get("/staff/approvals/{approval}/edit", staffRow(ALL_STAFF, each(ALL_STAFF, 404)))],
  "/staff/approvals/new": [get("/staff/approvals/new", staff(ALL_STAFF))],
  "/staff/approvals/settings": [get("/staff/approvals/settings", staff(["admin"]))],
  "/staff/attendance": [get("/staff/attendance", staff(ALL_STAFF))],
  "/staff/billing": [get("/staff/billing", staff(BILLING))],
  "/staff/billing/bills": [get("/staff/billing/bills", staff(BILLING))],
  "/staff/billing/cashier": [get("/staff/billing/cashier", staff(BILLING))],
  "/staff/billing/contracts": [get("/staff/billing/contracts", staff(BILLING))],
  "/staff/billing/contracts/receipts/[id]": [
    get("/staff/billing/contracts/receipts/999999999", staffRow(BILLING, { admin: 404, finance: 404 })),
  ],
  "/staff/billing/households/[id]": [get("/staff/billing/households/{household}", staffRow(BILLING))],
  "/staff/billing/meters": [get("/staff/billing/meters", staff(BILLING))],
  "/staff/billing/meters/self": [
    get("/staff/billing/meters/self", staff(["supervisor", "project_manager", "finance", "admin"])),
  ],
  "/staff/billing/print/building/[id]": [get("/staff/billing/print/building/{building}", staffRow(BILLING))],
  // No transfer of that unit on that day in the demo: finance and admin get 404, nobody else gets in.
  "/staff/billing/print/transfer/[unitId]/[date]": [
    get("/staff/billing/print/transfer/999999999/2026-01-01", staffRow(BILLING, { admin: 404, finance: 404 })),
  ],
  "/staff/billing/print/household/[id]": [get("/staff/billing/print/household/{household}", staffRow(BILLING))],
  "/staff/billing/receipts/[id]": [get("/staff/billing/receipts/{payment}", staffRow(BILLING))],
  "/staff/billing/reports": [get("/staff/billing/reports", staff(BILLING))],
  "/staff/billing/reports/csv/[report]": [
    get("/staff/billing/reports/csv/aging", api(BILLING, { signed_out: SIGN_IN })),
  ],
  "/staff/billing/settings": [get("/staff/billing/settings", staff(["admin"]))],
  "/staff/billing/payments": [get("/staff/billing/payments", staff(["admin"]))],
  "/staff/billing/reconciliation": [get("/staff/billing/reconciliation", staff(BILLING))],
  "/staff/crm": [get("/staff/crm", staff(CRM_DASHBOARD))],
  "/staff/crm/households/[id]": [
    get("/staff/crm/households/{household}", staffRow(CRM_DASHBOARD)),
    get("/staff/crm/households/{otherBuildingHousehold}", staffRow(CRM_DASHBOARD, { butler: 404 })),
  ],
  "/staff/crm/notices": [get("/staff/crm/notices", staff(REGISTRY_VIEW))],
  "/staff/crm/notices/[id]": [get("/staff/crm/notices/{crmNotice}", staffRow(REGISTRY_VIEW))],
  "/staff/crm/rules": [get("/staff/crm/rules", staff(["admin"]))],
  "/staff/crm/surveys": [get("/staff/crm/surveys", staff(VISITS))],
  "/staff/crm/surveys/digest": [get("/staff/crm/surveys/digest", staff(VISITS, { foreign_admin: 404 }))], // a company without a survey has no digest
  "/staff/crm/visits": [get("/staff/crm/visits", staff(VISITS))],
  "/staff/crm/visits/[id]": [get("/staff/crm/visits/{visit}", staffRow(VISITS))],
  "/staff/crm/visits/csv": [get("/staff/crm/visits/csv", api(VISITS, { signed_out: SIGN_IN }))],
  "/staff/emergencies": [get("/staff/emergencies", staff(EMERGENCY))],
  "/staff/equipment": [get("/staff/equipment", staff(EQUIPMENT))],
  "/staff/finance": [get("/staff/finance", staff(FINANCE_REPORT))],
  "/staff/finance/budget": [get("/staff/finance/budget", staff(BILLING))],
  "/staff/finance/csv": [get("/staff/finance/csv", api(FINANCE_REPORT, { signed_out: SIGN_IN }))],
  "/staff/finance/journal": [get("/staff/finance/journal", staff(BILLING))],
  "/staff/hr": [get("/staff/hr", staff(HR))],
  "/staff/hr/assessments": [get("/staff/hr/assessments", staff(HR))],
  "/staff/hr/assessments/[id]": [get("/staff/hr/assessments/{assessment}", staffRow(HR))],
  "/staff/hr/assessments/ranking": [get("/staff/hr/assessments/ranking", staff(HR))],
  "/staff/hr/attendance": [get("/staff/hr/attendance", staff(HR))],
  "/staff/hr/attendance/csv": [get("/staff/hr/attendance/csv", api(HR, { signed_out: SIGN_IN }))],
  "/staff/hr/people": [get("/staff/hr/people", staff(HR))],
  "/staff/hr/people/[id]": [get("/staff/hr/people/{staffRecord}", staffRow(HR))],
  "/staff/hr/training": [get("/staff/hr/training", staff(HR))],
  "/staff/hr/training/[id]": [get("/staff/hr/training/{training}", staffRow(HR))],
  "/staff/kb": [get("/staff/kb", staff(ALL_STAFF))],
  "/staff/kb/[id]": [get("/staff/kb/{kbInternal}", staffRow(ALL_STAFF))],
  "/staff/legal": [get("/staff/legal", staff(LEGAL))],
  "/staff/legal/[id]": [get("/staff/legal/{legalCase}", staffRow(LEGAL))],
  "/staff/me/record": [get("/staff/me/record", staff(ALL_STAFF))],
  "/staff/notifications": [get("/staff/notifications", staff(ALL_STAFF))],
  "/staff/orders": [get("/staff/orders", staff(ORDERS))],
  "/staff/orders/[id]": [
    get("/staff/orders/{order}", staffRow(ORDERS, NO_ORDERS)),
    get(
      "/staff/orders/{farOrder}",
      staffRow(ORDERS, { ...NO_ORDERS, butler: 404, technician: 404, project_manager: 404 }),
    ),
    get("/staff/orders/{collectionOrder}", staffRow(ORDERS, { technician: 404 })),
  ],
  "/staff/orders/board": [get("/staff/orders/board", staff(["admin", "supervisor", "project_manager"]))],
  "/staff/orders/new": [get("/staff/orders/new", staff(INTAKE))],
  "/staff/portal/activities": [get("/staff/portal/activities", staff(PORTAL))],
  "/staff/portal/activities/[id]": [get("/staff/portal/activities/{activity}", staffRow(PORTAL))],
  "/staff/portal/notices": [get("/staff/portal/notices", staff(PORTAL))],
  "/staff/portal/shop": [get("/staff/portal/shop", staff(SHOP))],
  "/staff/portal/shop/orders": [get("/staff/portal/shop/orders", staff(SHOP))],
  "/staff/profile": [get("/staff/profile", staff(ALL_STAFF))],
  "/staff/registrations": [get("/staff/registrations", staff(APPROVERS))],
  "/staff/registry": [get("/staff/registry", staff(REGISTRY_VIEW))],
  "/staff/registry/buildings/[id]": [
    get("/staff/registry/buildings/{building}", staffRow(REGISTRY_VIEW)),
    get("/staff/registry/buildings/{otherBuilding}", staffRow(REGISTRY_VIEW, { butler: 404 })),
  ],
  "/staff/registry/butlers": [get("/staff/registry/butlers", staff(["admin", "project_manager", "supervisor"]))],
  "/staff/registry/communities/[id]": [
    get("/staff/registry/communities/{community}", staffRow(REGISTRY_VIEW)),
    get("/staff/registry/communities/{farCommunity}", staffRow(REGISTRY_VIEW, { butler: 404, project_manager: 404 })),
  ],
  "/staff/registry/households": [get("/staff/registry/households", staff(REGISTRY_VIEW))],
  "/staff/registry/households/[id]": [
    get("/staff/registry/households/{household}", staffRow(REGISTRY_VIEW)),
    get("/staff/registry/households/{otherBuildingHousehold}", staffRow(REGISTRY_VIEW, { butler: 404 })),
  ],
  "/staff/registry/households/[id]/edit": [get("/staff/registry/households/{household}/edit", staffRow(REGISTRY_EDIT))],
  "/staff/registry/households/new": [get("/staff/registry/households/new", staff(REGISTRY_EDIT))],
  "/staff/registry/import": [get("/staff/registry/import", staff(REGISTRY_EDIT))],
  "/staff/sla": [get("/staff/sla", staff(["admin"]))],
  "/staff/technicians": [get("/staff/technicians", staff(["admin", "project_manager"]))],

  "/api/auth/[...nextauth]": [get("/api/auth/session", everyone(200)), get("/api/auth/providers", everyone(200))],
  // The bench probe answers only when BENCH_SECRET is set (never in the e2e server) and with its header.
  "/api/bench": [get("/api/bench", everyone(404))],
  "/api/cron": [get("/api/cron", everyone(401))],
  "/api/cron/tick": [get("/api/cron/tick", everyone(401))],
  "/api/files/[id]": [
    get(
      "/api/files/{attachment}",
      residentRow({ ...each(ORDERS, 200), ...NO_ORDERS, ...FILES_NOT_THEIRS, foreign_admin: 404, signed_out: 404 }),
    ),
    get(
      "/api/files/{collectionPhoto}",
      residentRow({
        ...each(ORDERS, 200),
        technician: 404,
        ...FILES_NOT_THEIRS,
        resident: 404,
        other_resident: 200,
        foreign_admin: 404,
        signed_out: 404,
      }),
    ),
  ],
  "/api/health": [get("/api/health", everyone(200))],
  // The staff quick jump: every staff member (scoped in its queries), never residents.
  "/api/jump": [get("/api/jump?q=1", api(ALL_STAFF)), post("/api/jump?q=1", everyone(405))],
  "/api/sms/report/[provider]": [
    get("/api/sms/report/aliyun", everyone(405)),
    post("/api/sms/report/aliyun", everyone(503)),
  ],
  "/api/payments/sandbox/webhook": [
    get("/api/payments/sandbox/webhook", everyone(405)),
    post("/api/payments/sandbox/webhook", everyone(401)),
  ],
  // The demo company has no WeChat Pay account: every notification is refused before anything is read.
  "/api/payments/wechatpay/[companyId]/notify": [
    get("/api/payments/wechatpay/1/notify", everyone(405)),
    post("/api/payments/wechatpay/1/notify", everyone(404)),
  ],
  "/api/payments/alipay/[companyId]/notify": [
    get("/api/payments/alipay/1/notify", everyone(405)),
    post("/api/payments/alipay/1/notify", everyone(404)),
  ],
  "/api/registry/import/apply": [
    get("/api/registry/import/apply?kind=units&communityId={community}", everyone(405)),
    post("/api/registry/import/apply?kind=units&communityId={community}", api(REGISTRY_EDIT, { foreign_admin: 404 })),
  ],
  "/api/registry/import/check": [
    get("/api/registry/import/check?kind=units&communityId={community}", everyone(405)),
    post("/api/registry/import/check?kind=units&communityId={community}", api(REGISTRY_EDIT, { foreign_admin: 404 })),
  ],
  "/api/registry/import/export": [
    get(
      "/api/registry/import/export?kind=buildings&communityId={community}",
      api(REGISTRY_EDIT, { foreign_admin: 404 }),
    ),
  ],
  "/api/registry/import/template": [get("/api/registry/import/template?kind=units", api(REGISTRY_EDIT))],
};

const appDir = fileURLToPath(new URL("../../../app", import.meta.url));

test.describe("the authorization matrix covers every route", () => {
  const routes = appRoutes(appDir);
  test("every route under app/ has a row", () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(
      routes.filter((r) => !(r in ROWS)),
      `routes without a row in ${path.basename(import.meta.url)}`,
    ).toEqual([]);
  });
  test("every row names a route that exists", () => {
    expect(Object.keys(ROWS).filter((r) => !routes.includes(r))).toEqual([]);
  });
});

const STATE: Record<Who, string | undefined> = {
  admin: authFile("admin"),
  project_manager: authFile("project_manager"),
  supervisor: authFile("supervisor"),
  butler: authFile("butler"),
  front_desk: authFile("front_desk"),
  technician: authFile("technician"),
  finance: authFile("finance"),
  hr: authFile("hr"),
  legal: authFile("legal"),
  cleaner: authFile("cleaner"),
  guard: authFile("guard"),
  resident: authFile("resident"),
  other_resident: matrixAuthFile("other_resident"),
  foreign_admin: matrixAuthFile("foreign_admin"),
  signed_out: undefined,
};

test.describe("the authorization matrix", () => {
  // Some rows are heavy pages (a whole building's printed statements) asked for by 13 people on a shared, loaded machine.
  test.describe.configure({ timeout: 120_000 });
  const clients = new Map<Who, APIRequestContext>();
  test.beforeAll(async ({ playwright, baseURL }) => {
    for (const who of WHO)
      clients.set(
        who,
        await playwright.request.newContext({ baseURL, storageState: STATE[who] ?? { cookies: [], origins: [] } }),
      );
  });
  test.afterAll(async () => {
    await Promise.all([...clients.values()].map((c) => c.dispose()));
  });

  for (const [route, cases] of Object.entries(ROWS)) {
    test(route, async () => {
      const f = readMatrixFixtures();
      const wrong: string[] = [];
      const asks = cases.flatMap((c) => WHO.map((who) => ({ c, who, url: resolveUrl(c.url, f) })));
      // A few requests at a time: enough to be quick, few enough not to slow the specs running beside it.
      const lanes = Array.from({ length: PARALLEL }, async () => {
        for (let ask = asks.shift(); ask; ask = asks.shift()) {
          const { c, who, url } = ask;
          // A fresh connection per request: a kept-alive socket the server has just closed answers ECONNRESET.
          const res = await clients.get(who)!.fetch(url, {
            method: c.method,
            headers: { connection: "close" },
            maxRedirects: 0,
            failOnStatusCode: false,
            ...(c.method === "POST" ? { data: "{}" } : {}),
          });
          const location = res.headers()["location"];
          await res.dispose();
          if (!matches(c.expect[who], res.status(), location))
            wrong.push(
              `${c.method} ${url} as ${who}: expected ${c.expect[who]}, got ${res.status()}${location ? ` → ${location}` : ""}`,
            );
        }
      });
      await Promise.all(lanes);
      expect(wrong.sort()).toEqual([]);
    });
  }
});
