import { expect, test } from "../support/test";
import { demo } from "../support/demo";
import {
  fillSignUp,
  formAlert,
  newCompanyInput,
  signInThroughForm,
  signUpCompany,
  uniqueEmail,
} from "../support/factories";
import { LOCALES, messages } from "../support/messages";

test("a new company signs up and its admin lands on the general manager's workspace", async ({ page }) => {
  const t = messages();
  const company = await signUpCompany(page);

  await expect(page.getByRole("complementary")).toContainText(company.companyName);
  await expect(page.getByText(`${company.name} · ${t.roles.admin}`)).toBeVisible();

  await page.getByRole("complementary").getByRole("link", { name: t.nav.staff }).click();
  await expect(page).toHaveURL(/\/staff\/admin\/users$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.admin.staffTitle);
  await expect(page.getByRole("row").filter({ hasText: company.phone })).toContainText(company.name);
});

for (const locale of LOCALES) {
  test(`bad sign-up input shows field errors and creates nothing (${locale})`, async ({ page, context, baseURL }) => {
    const t = messages(locale);
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await page.goto("/sign-up");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.auth.signUpTitle);

    const phone = page.getByLabel(t.auth.phone, { exact: true });
    const email = page.getByLabel(t.auth.email, { exact: true });
    const password = page.getByLabel(t.auth.password, { exact: true });

    // Malformed e-mail and a short password: refused in the browser, next to each field.
    const attempt = { ...newCompanyInput(), phone: demo("admin").phone, email: "not-an-e-mail", password: "short" };
    await fillSignUp(page, attempt, locale);
    await expect(email).toHaveAccessibleDescription(t.validation.email);
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription(t.validation.passwordTooShort);

    // Fixed, but the phone belongs to someone else: refused by the server with one answer
    // that does not say whether the phone or the e-mail is taken.
    const fixed = { ...attempt, email: uniqueEmail("refused"), password: "a-long-enough-password" };
    await email.fill(fixed.email);
    await password.fill(fixed.password);
    await page.getByRole("button", { name: t.auth.signUpButton }).click();
    await expect(formAlert(page)).toHaveText(t.validation.identifierUnavailable);
    await expect(phone).not.toHaveAttribute("aria-invalid", "true");
    await expect(email).not.toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/sign-up$/);

    // Nothing was created: the attempted e-mail and password do not sign in.
    await page.goto("/sign-in");
    await signInThroughForm(page, fixed.email, fixed.password, locale);
    await expect(formAlert(page)).toHaveText(t.auth.invalidCredentials);
    await expect(page).toHaveURL(/\/sign-in/);
  });
}

test("form fields take no typing before the page has hydrated, and are editable after", async ({ page, request }) => {
  const t = messages();
  // The server's HTML: every field of the react-hook-form form is read-only (typing there would be
  // overwritten by the field's default when react-hook-form attaches, or mixed with it).
  const html = await (await request.get("/sign-up")).text();
  const inputs = html.match(/<input[^>]*>/g) ?? [];
  const named = inputs.filter((tag) => / name="(companyName|name|phone|email|password)"/.test(tag));
  expect(named).toHaveLength(5);
  for (const tag of named) expect(tag).toMatch(/ readOnly=""| readonly=""/i);
  // Hydrated: editable, and what is typed stays.
  await page.goto("/sign-up");
  const phone = page.getByLabel(t.auth.phone, { exact: true });
  await expect(phone).toBeEditable();
  await phone.fill("13912345678");
  await expect(phone).toHaveValue("13912345678");
});
