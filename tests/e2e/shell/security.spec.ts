import { expect, test } from "../support/test";
import { demo } from "../support/demo";
import { formAlert, signInThroughForm, uniquePhone } from "../support/factories";
import { messages } from "../support/messages";

const t = messages("zh-CN");

test("pages carry a nonce CSP without 'unsafe-inline' scripts, and still hydrate", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto("/sign-in");
  const csp = response!.headers()["content-security-policy"];
  const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
  expect(scriptSrc).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'$/);
  expect(response!.headers()["strict-transport-security"]).toBeUndefined(); // served over plain http here
  // Next put the nonce on its scripts.
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  expect(
    await page
      .locator("script[nonce]")
      .first()
      .evaluate((s) => (s as HTMLScriptElement).nonce),
  ).toBe(nonce);
  // A client-side interaction works: the form's submit handler (not a native GET) answers in place.
  await signInThroughForm(page, uniquePhone(), "wrong-password-123");
  await expect(formAlert(page)).toHaveText(t.auth.invalidCredentials);
  await expect(page).toHaveURL(/\/sign-in$/);
  // The language switch is a server action called from the client.
  await page
    .getByRole("group", { name: t.language.label })
    .getByRole("button", { name: messages("en").language.en })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages("en").auth.signInTitle);
  await page
    .getByRole("group", { name: messages("en").language.label })
    .getByRole("button", { name: t.language["zh-CN"] })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.auth.signInTitle);
  expect(violations).toEqual([]);
});

test("a cookie copied before an ordinary sign-out stops working after it", async ({ page, browser, baseURL }) => {
  const admin = demo("admin");
  await signInThroughForm(page, admin.email, admin.password);
  await expect(page).toHaveURL(/\/staff$/);
  const copied = await page.context().cookies();
  await page.getByRole("button", { name: t.auth.signOut }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  const thief = await browser.newContext({ baseURL });
  try {
    await thief.addCookies(copied);
    const other = await thief.newPage();
    await other.goto("/staff");
    await expect(other).toHaveURL(/\/sign-in/);
  } finally {
    await thief.close();
  }
});

test("server-action calls from another origin get 403, malformed or deeply nested bodies 400", async ({
  request,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const call = (body: string, headers: Record<string, string> = {}) =>
    request.post("/sign-in", {
      data: body,
      headers: { "next-action": "00".repeat(21), origin, "content-type": "text/plain;charset=UTF-8", ...headers },
    });
  expect((await call("[]", { origin: "https://evil.example" })).status()).toBe(403);
  expect((await call("[{bad json")).status()).toBe(400);
  expect((await call("[".repeat(10_000) + "]".repeat(10_000))).status()).toBe(400);
  expect((await call("<x/>", { "content-type": "application/xml" })).status()).toBe(400);
});
