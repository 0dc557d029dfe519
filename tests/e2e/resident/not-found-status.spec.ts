import { expect, test, type Page } from "../support/test";
import { randomUUID } from "node:crypto";
import { DEMO_COMPANY_NAME } from "../../../scripts/seed/demo-logins";
import { withDb } from "../portal/support";
import { authFile, demo } from "../support/demo";
import { messages } from "../support/messages";

/**
 * A resident detail page that refuses an id must answer a real HTTP 404 — not a 200 with the
 * not-found screen streamed under a loading skeleton — and a role page a real 403.
 */
const t = messages();

interface Ids {
  otherRequest: number;
  otherReceipt: number;
  otherShopOrder: number;
  unpublishedAnnouncement: number;
  missing: number;
}

/** Other households' data of the demo company, and an announcement of the resident's community not yet published. */
async function otherHouseholdIds(): Promise<Ids> {
  return withDb(async (c) => {
    const me = await c.execute({
      sql: `select u.id as userId, co.id as companyId from users u join memberships m on m.user_id = u.id join companies co on co.id = m.company_id
             where u.email = ? and co.name = ? and m.role = 'resident'`,
      args: [demo("resident").email, DEMO_COMPANY_NAME],
    });
    if (!me.rows.length) throw new Error("no demo resident: is the e2e database seeded?");
    const { userId, companyId } = me.rows[0] as unknown as { userId: number; companyId: number };
    const mine = `select household_id from resident_links where user_id = ${Number(userId)} and status = 'approved'`;
    const one = async (sql: string): Promise<number> => {
      const r = await c.execute({ sql, args: [companyId] });
      if (!r.rows.length) throw new Error(`no seeded row for: ${sql}`);
      return Number(r.rows[0].id);
    };
    const community = await one(
      `select b.community_id as id from household_units hu join units u on u.id = hu.unit_id join buildings b on b.id = u.building_id
        where b.company_id = ? and hu.household_id in (${mine}) limit 1`,
    );
    const announcement = await c.execute({
      sql: `insert into portal_notices (company_id, community_id, title, body, pinned, emergency, publish_at, created_at) values (?, ?, ?, ?, 0, 0, ?, ?) returning id`,
      args: [companyId, community, "E2E 未发布公告", "E2E", Date.now() + 7 * 86_400_000, Date.now()],
    });
    return {
      otherRequest: await one(
        `select id from work_orders where company_id = ? and household_id is not null and household_id not in (${mine}) limit 1`,
      ),
      otherReceipt: await one(`select id from payments where company_id = ? and household_id not in (${mine}) limit 1`),
      otherShopOrder: await one(
        `select id from shop_orders where company_id = ? and user_id <> ${Number(userId)} and household_id not in (${mine}) limit 1`,
      ),
      unpublishedAnnouncement: Number(announcement.rows[0].id),
      missing: 2_000_000_000,
    };
  });
}

async function expectStatus(page: Page, url: string, status: number): Promise<void> {
  const response = await page.goto(url);
  expect(response, url).not.toBeNull();
  expect(response!.status(), url).toBe(status);
}

test.describe("as the demo resident", () => {
  test.use({ storageState: authFile("resident") });

  test("other households' and unknown detail pages answer a real 404", async ({ page }) => {
    const ids = await otherHouseholdIds();
    const urls = [
      `/notices/${ids.missing}`, // arrears notice
      `/notices/abc`,
      `/requests/${ids.otherRequest}`,
      `/bills/receipts/${ids.otherReceipt}`,
      `/community/notices/${ids.unpublishedAnnouncement}`,
      `/community/activities/${ids.missing}`,
      `/surveys/${ids.missing}`,
      `/shop/orders/${ids.otherShopOrder}`,
      `/shop/pay/${randomUUID()}`,
      `/guide/${ids.missing}`,
      `/pay/sandbox/${randomUUID()}`,
    ];
    for (const url of urls) await expectStatus(page, url, 404);
    // The body is still the not-found screen.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.notFound.title);
  });

  test("the index pages still answer 200", async ({ page }) => {
    const urls = [
      "/home",
      "/bills",
      "/requests",
      "/requests/new",
      "/notifications",
      "/me",
      "/guide",
      "/community",
      "/community/notices",
      "/community/activities",
      "/shop",
      "/shop/cart",
      "/shop/orders",
      "/surveys",
    ];
    for (const url of urls) await expectStatus(page, url, 200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("staff pages answer a real 403", async ({ page }) => {
    await expectStatus(page, "/staff", 403);
  });
});

test.describe("as a butler", () => {
  test.use({ storageState: authFile("butler") });

  test("resident pages answer a real 403", async ({ page }) => {
    for (const url of ["/home", "/bills", "/requests", `/requests/1`]) await expectStatus(page, url, 403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.forbidden.title);
  });
});
