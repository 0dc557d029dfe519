import { expect, test } from "../support/test";
import tk from "../../../messages/tickets/zh-CN.json" with { type: "json" };
import { authFile } from "../support/demo";
import { uniqueTag } from "../support/factories";

test("an emergency reported by a butler reaches the project manager's inbox at once; the closing report resolves it", async ({
  browser,
}) => {
  const butler = await (await browser.newContext({ storageState: authFile("butler") })).newPage();
  await butler.goto("/staff/emergencies");
  const form = butler.getByTestId("emergency-form");
  await form.getByRole("button", { name: tk.emergency.submit }).click();
  await expect(form.getByRole("alert").first()).toBeVisible();
  const what = `地下车库水管爆裂 ${uniqueTag()}`;
  await form.getByLabel(tk.common.location, { exact: true }).fill("2号楼地下车库");
  await form.getByLabel(tk.emergency.what, { exact: true }).fill(what);
  await form.getByRole("button", { name: tk.emergency.submit }).click();
  await expect(butler).toHaveURL(/\/staff\/orders\/\d+$/, { timeout: 20_000 });
  const id = butler.url().split("/").pop()!;
  await expect(butler.getByTestId("assignees").locator("li")).toHaveCount(2);

  const pm = await (await browser.newContext({ storageState: authFile("project_manager") })).newPage();
  await pm.goto("/staff");
  await expect(pm.getByTestId("bell-count")).toBeVisible();
  await pm.getByTestId("bell").click();
  await expect(pm).toHaveURL(/\/staff\/notifications$/);
  const shown = (await pm.getByTestId("bell-count").textContent()) ?? "";
  const link = pm.getByRole("link", { name: `应急事件 #${id}：请立即处理` });
  await expect(link).toHaveAttribute("data-unread", "true");
  await link.click();
  await expect(pm).toHaveURL(new RegExp(`/staff/orders/${id}$`));
  // opening it marked it read (the bell shows "99+" past 99 unread: then only the entry tells)
  const before = Number(shown);
  if (before > 1) await expect(pm.getByTestId("bell-count")).toHaveText(String(before - 1));
  else if (before === 1) await expect(pm.getByTestId("bell-count")).toHaveCount(0);
  await expect(pm.getByText(what)).toBeVisible();
  await pm.getByRole("button", { name: tk.staff.accept, exact: true }).click();
  await expect(pm.getByTestId("assignees")).toContainText(tk.common.accepted);
  await pm.goto("/staff/notifications");
  await expect(pm.getByRole("link", { name: `应急事件 #${id}：请立即处理` })).toHaveAttribute("data-unread", "false");
});
