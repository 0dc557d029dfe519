import { expect, test } from "../support/test";
import { newCompanySignedIn } from "../support/companies";
import { signInThroughForm } from "../support/factories";
import { messages } from "../support/messages";

const zh = messages("zh-CN");
const en = messages("en");

test("the language switch changes the page, survives a reload and switches back", async ({ page }) => {
  await page.goto("/sign-in");
  const heading = page.getByRole("heading", { level: 1 });
  const languages = page.getByRole("group", { name: zh.language.label });
  await expect(heading).toHaveText(zh.auth.signInTitle);
  await expect(languages.getByRole("button", { name: zh.language["zh-CN"] })).toHaveAttribute("aria-pressed", "true");

  await languages.getByRole("button", { name: en.language.en }).click();
  await expect(heading).toHaveText(en.auth.signInTitle);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByLabel(en.auth.identifier, { exact: true })).toBeVisible();

  await page.reload();
  await expect(heading).toHaveText(en.auth.signInTitle);

  await page
    .getByRole("group", { name: en.language.label })
    .getByRole("button", { name: zh.language["zh-CN"] })
    .click();
  await expect(heading).toHaveText(zh.auth.signInTitle);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("a signed-in user's language is saved on the account and follows them to a new browser", async ({
  page,
  browser,
}) => {
  const account = await newCompanySignedIn(page);

  await page.getByRole("group", { name: zh.language.label }).getByRole("button", { name: en.language.en }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.roleHome.admin);

  await page.getByRole("button", { name: en.auth.signOut }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // A fresh browser context: no cookies at all, so the sign-in page starts in Chinese.
  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto("/sign-in");
    await expect(other.getByRole("heading", { level: 1 })).toHaveText(zh.auth.signInTitle);
    await signInThroughForm(other, account.phone, account.password);
    await expect(other).toHaveURL(/\/staff$/);
    await expect(other.getByRole("heading", { level: 1 })).toHaveText(en.roleHome.admin);
  } finally {
    await fresh.close();
  }
});
