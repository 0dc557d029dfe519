import { expect, test as setup } from "@playwright/test";
import { authFile, DEMO_LOGINS } from "./support/demo";

/**
 * Signs in once per demo role through next-auth's credentials endpoint and saves the
 * cookies to tests/e2e/.auth/<role>.json; specs reuse them with `test.use({ storageState })`.
 * (Signing in through the form is covered by tests/e2e/auth/sign-in.spec.ts.)
 */
for (const login of DEMO_LOGINS) {
  setup(`sign in as ${login.role}`, async ({ playwright, baseURL }) => {
    const api = await playwright.request.newContext({ baseURL });
    const csrf = await api.get("/api/auth/csrf");
    expect(csrf.ok()).toBeTruthy();
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await api.post("/api/auth/callback/credentials", {
      form: { csrfToken, identifier: login.phone, password: login.password, callbackUrl: "/", json: "true" },
    });
    expect(res.ok(), `credentials sign-in for ${login.role}: HTTP ${res.status()}`).toBeTruthy();
    const session = (await (await api.get("/api/auth/session")).json()) as { uid?: number };
    expect(session.uid, `no session for ${login.email}: is the database seeded?`).toBeTruthy();
    const home = await api.get(login.role === "resident" ? "/home" : "/staff", { maxRedirects: 0 });
    expect(home.status()).toBe(200);
    await api.storageState({ path: authFile(login.role) });
    await api.dispose();
  });
}
