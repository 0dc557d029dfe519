import { expect, type Page } from "@playwright/test";
import { signUpCompany } from "../../../lib/flows/sign-up-company";
import { withE2eDb } from "./db";
import { newCompanyInput, signInThroughForm, type NewCompany } from "./factories";

/**
 * A brand-new company made through the sign-up flow itself (the same transaction as the form), then
 * its admin signed in through the form; the page ends on /staff. For specs that need an empty company
 * but do not test sign-up: the sign-up form allows 10 companies per IP and hour, and every e2e browser
 * comes from 127.0.0.1 (auth/sign-up.spec.ts, registry, import and language test the form itself).
 */
export async function newCompanySignedIn(page: Page, input: NewCompany = newCompanyInput()): Promise<NewCompany> {
  await withE2eDb((db) => signUpCompany(db, input));
  await signInThroughForm(page, input.email, input.password);
  await expect(page).toHaveURL(/\/staff$/, { timeout: 20_000 });
  return input;
}

/** The same company, made without signing anybody in (e.g. for a phone-code sign-in test). */
export async function newCompany(input: NewCompany = newCompanyInput()): Promise<NewCompany> {
  await withE2eDb((db) => signUpCompany(db, input));
  return input;
}
