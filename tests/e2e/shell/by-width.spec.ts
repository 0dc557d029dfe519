import { expect, test } from "../support/test";
import { authFile } from "../support/demo";

/*
 * Lists with a table for wide windows and cards for phones (components/ui/by-width.tsx) render
 * only the view of the browser's width once it has told the server (the `vw` cookie), and draw
 * the other one when the window crosses the md breakpoint.
 */

test.use({ storageState: authFile("admin"), viewport: { width: 1366, height: 900 } });

test("the orders list draws one view for the window's width, and the other after crossing the breakpoint", async ({
  page,
}) => {
  const base = test.info().project.use.baseURL as string;
  const hint = async () => (await page.context().cookies(base)).find((c) => c.name === "vw")?.value;
  const table = page.locator('tbody tr[data-testid^="order-row-"]');
  const cards = page.locator('[data-testid^="order-card-"]');
  await page.context().clearCookies({ name: "vw" });

  // A first visit knows no width: both views, one hidden by CSS; the page then tells the server.
  await page.goto("/staff/orders?status=all");
  await expect(table.first()).toBeVisible();
  await expect(cards.first()).toBeHidden();
  await expect.poll(hint).toBe("wide");

  // From then on only the table is drawn.
  await page.reload();
  await expect(page.locator('[data-by-width="wide"]')).toHaveCount(1);
  await expect(table.first()).toBeVisible();
  await expect(cards).toHaveCount(0);

  // A phone-wide window: the hint follows and the page is drawn again, as cards.
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(page.locator('[data-by-width="narrow"]')).toHaveCount(1);
  await expect(cards.first()).toBeVisible();
  await expect(table).toHaveCount(0);
  expect(await hint()).toBe("narrow");

  // And back.
  await page.setViewportSize({ width: 1366, height: 900 });
  await expect(table.first()).toBeVisible();
  await expect(cards).toHaveCount(0);
  expect(await hint()).toBe("wide");
});
