import { expect, test } from "@playwright/test";
import { DEMO_LOGINS } from "../support/demo";
import { formAlert, signInThroughForm, uniquePhone } from "../support/factories";
import { fill, messages } from "../support/messages";

const t = messages("zh-CN");

test.describe("sign-in form", () => {
  DEMO_LOGINS.forEach((login, i) => {
    // Alternate phone and e-mail so both kinds of identifier are covered.
    const identifier = i % 2 === 0 ? login.phone : login.email;
    test(`${login.role} signs in with ${i % 2 === 0 ? "phone" : "e-mail"} and lands on their home`, async ({ page }) => {
      await signInThroughForm(page, identifier, login.password);
      await expect(page).toHaveURL(login.role === "resident" ? /\/home$/ : /\/staff$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.roleHome[login.role]);
    });
  });

  test("a wrong password is refused, and five failures lock the account", async ({ page }) => {
    // An account nobody owns: failures count per identifier all the same, and no real account is locked.
    const phone = uniquePhone();
    await page.goto("/sign-in");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signInThroughForm(page, phone, "wrong-password");
      await expect(formAlert(page)).toHaveText(t.auth.invalidCredentials);
      await expect(page.getByRole("button", { name: t.auth.signInButton, exact: true })).toBeEnabled();
    }
    await signInThroughForm(page, phone, "wrong-password");
    await expect(formAlert(page)).toHaveText(fill(t.auth.rateLimited, { minutes: 15 }));
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
