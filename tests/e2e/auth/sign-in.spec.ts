import { expect, test } from "../support/test";
import { DEMO_LOGINS } from "../support/demo";
import { formAlert, signInThroughForm, uniquePhone } from "../support/factories";
import { messages } from "../support/messages";

const t = messages("zh-CN");

test.describe("sign-in form", () => {
  DEMO_LOGINS.forEach((login, i) => {
    // Alternate phone and e-mail so both kinds of identifier are covered.
    const identifier = i % 2 === 0 ? login.phone : login.email;
    test(`${login.role} signs in with ${i % 2 === 0 ? "phone" : "e-mail"} and lands on their home`, async ({
      page,
    }) => {
      await signInThroughForm(page, identifier, login.password);
      await expect(page).toHaveURL(login.role === "resident" ? /\/home$/ : /\/staff$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.roleHome[login.role]);
    });
  });

  test("a wrong password is refused; repeated failures make the account wait a few seconds, not lock", async ({
    page,
  }) => {
    // An account nobody owns: failures count all the same, and no real account is slowed down.
    const phone = uniquePhone();
    const waitText = new RegExp(
      `^${t.auth.rateLimited.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace("{seconds}", "(\\d+)")}$`,
    );
    await page.goto("/sign-in");
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signInThroughForm(page, phone, "wrong-password");
      await expect(formAlert(page)).toHaveText(t.auth.invalidCredentials);
      await expect(page.getByRole("button", { name: t.auth.signInButton, exact: true })).toBeEnabled();
    }
    // From the fifth failure on, each one adds a growing wait (1 s, 2 s, 4 s …, at most 30 s).
    let seconds: number | null = null;
    for (let attempt = 5; attempt <= 12 && seconds === null; attempt++) {
      const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
      await signInThroughForm(page, phone, "wrong-password");
      await answered;
      await expect(page.getByRole("button", { name: t.auth.signInButton, exact: true })).toBeEnabled();
      const match = waitText.exec((await formAlert(page).textContent()) ?? "");
      if (match) seconds = Number(match[1]);
    }
    expect(seconds).not.toBeNull();
    expect(seconds!).toBeLessThanOrEqual(30);
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
