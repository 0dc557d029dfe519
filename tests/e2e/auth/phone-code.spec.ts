import { expect, test } from "../support/test";
import { and, desc, eq } from "drizzle-orm";
import { outboxMessages } from "../../../db/schema";
import { withE2eDb } from "../support/db";
import { newCompany } from "../support/companies";
import { newCompanyInput, uniquePhone } from "../support/factories";
import { LOCALES, messages } from "../support/messages";

const MOBILE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/** The code the SMS to `phone` carries (the outbox row the SMS adapter sends). */
async function codeSentTo(phone: string): Promise<string> {
  let code = "";
  await expect
    .poll(async () => {
      const [row] = await withE2eDb((db) =>
        db
          .select({ params: outboxMessages.params })
          .from(outboxMessages)
          .where(and(eq(outboxMessages.to, phone), eq(outboxMessages.templateKey, "signInCode")))
          .orderBy(desc(outboxMessages.id))
          .limit(1),
      );
      code = row ? String(row.params.code) : "";
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code;
}

for (const locale of LOCALES) {
  test(`phone-code sign-in at 375 px (${locale}): send the code, type it, land on the home page; a second use is refused`, async ({
    browser,
    baseURL,
  }) => {
    const t = messages(locale).auth;
    const admin = newCompanyInput();
    await newCompany(admin);

    const context = await browser.newContext(MOBILE);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByRole("tab", { name: t.phoneCodeTab }).click();
    await page.getByLabel(t.phone, { exact: true }).fill(admin.phone);
    await page.getByRole("button", { name: t.sendCode }).click();
    await expect(page.getByRole("status")).toHaveText(t.codeSent);
    const code = await codeSentTo(admin.phone);
    await page.screenshot({ path: `/tmp/msg-shots/phone-code-${locale}.png`, fullPage: true });
    await page.getByLabel(t.code, { exact: true }).fill(code);
    await page.getByRole("button", { name: t.signInButton, exact: true }).click();
    await expect(page).toHaveURL(/\/staff$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages(locale).roleHome.admin);

    // Signed out, the spent code no longer works (a new one was sent; the old one is used).
    await context.clearCookies();
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await page.goto("/sign-in");
    await page.getByRole("tab", { name: t.phoneCodeTab }).click();
    await page.getByLabel(t.phone, { exact: true }).fill(admin.phone);
    await page.getByRole("button", { name: t.sendCode }).click();
    await expect(page.getByRole("status")).toHaveText(t.codeSent);
    await page.getByLabel(t.code, { exact: true }).fill(code);
    await page.getByRole("button", { name: t.signInButton, exact: true }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(t.invalidCode);
    await context.close();
  });
}

test("an unknown phone gets the same answer and no SMS", async ({ page }) => {
  const t = messages("zh-CN").auth;
  const phone = uniquePhone();
  await page.goto("/sign-in");
  await page.getByRole("tab", { name: t.phoneCodeTab }).click();
  await page.getByLabel(t.phone, { exact: true }).fill(phone);
  await page.getByRole("button", { name: t.sendCode }).click();
  await expect(page.getByRole("status")).toHaveText(t.codeSent);
  const rows = await withE2eDb((db) => db.$count(outboxMessages, eq(outboxMessages.to, phone)));
  expect(rows).toBe(0);
});
