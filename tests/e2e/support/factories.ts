import { expect, type Page } from "@playwright/test";
import { randomBytes, randomInt } from "node:crypto";
import { messages, privacyMessages, type Locale } from "./messages";

/** A random, valid mainland mobile number (139 + 8 digits): unique per test run. */
export function uniquePhone(): string {
  return `139${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
}

export function uniqueTag(): string {
  return randomBytes(4).toString("hex");
}

export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}-${uniqueTag()}@e2e.guanjia.test`;
}

export interface NewCompany {
  companyName: string;
  name: string;
  phone: string;
  email: string;
  password: string;
}

export function newCompanyInput(): NewCompany {
  const tag = uniqueTag();
  return {
    companyName: `E2E物业-${tag}`,
    name: `测试管理员${tag.slice(0, 4)}`,
    phone: uniquePhone(),
    email: uniqueEmail("admin"),
    password: `Pw-${uniqueTag()}-2026`,
  };
}

/** Fills the sign-up form (the page must be on /sign-up) and submits it. */
export async function fillSignUp(page: Page, input: NewCompany, locale: Locale = "zh-CN"): Promise<void> {
  const t = messages(locale).auth;
  await page.getByLabel(t.companyName, { exact: true }).fill(input.companyName);
  await page.getByLabel(t.yourName, { exact: true }).fill(input.name);
  await page.getByLabel(t.phone, { exact: true }).fill(input.phone);
  await page.getByLabel(t.email, { exact: true }).fill(input.email);
  await page.getByLabel(t.password, { exact: true }).fill(input.password);
  await page.getByLabel(privacyMessages(locale).dpa.accept, { exact: true }).check();
  await page.getByRole("button", { name: t.signUpButton }).click();
}

/** Signs up a brand-new company through the UI; the page ends signed in as its admin on /staff. */
export async function signUpCompany(page: Page, input: NewCompany = newCompanyInput()): Promise<NewCompany> {
  await page.goto("/sign-up");
  await fillSignUp(page, input);
  await expect(page).toHaveURL(/\/staff$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages().roleHome.admin);
  return input;
}

/** Signs in through the form (the page must be signed out); does not wait for the landing page. */
export async function signInThroughForm(
  page: Page,
  identifier: string,
  password: string,
  locale: Locale = "zh-CN",
): Promise<void> {
  const t = messages(locale).auth;
  if (!/\/sign-in/.test(page.url())) await page.goto("/sign-in");
  await page.getByLabel(t.identifier, { exact: true }).fill(identifier);
  await page.getByLabel(t.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: t.signInButton, exact: true }).click();
}

/** The form's own error message (Next.js adds an empty role="alert" route announcer to every page). */
export function formAlert(page: Page) {
  return page.locator("form").getByRole("alert");
}
