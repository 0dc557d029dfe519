import { chromium, request } from "@playwright/test";
const base = "http://127.0.0.1:3316";
const phones = { admin: "13800000001", butler: "13800000002", supervisor: "13800000003", project_manager: "13800000004", front_desk: "13800000005", finance: "13800000007" };
const shots = JSON.parse(process.argv[2]);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH });
const states = {};
async function state(role) {
  if (states[role]) return states[role];
  const api = await request.newContext({ baseURL: base });
  const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
  await api.post("/api/auth/callback/credentials", { form: { csrfToken, identifier: phones[role], password: "Guanjia@2026", callbackUrl: "/", json: "true" } });
  states[role] = await api.storageState();
  await api.dispose();
  return states[role];
}
for (const [role, path, name, width, locale] of shots) {
  const ctx = await browser.newContext({ storageState: await state(role), viewport: { width: width ?? 1280, height: 900 }, baseURL: base });
  if (locale) await ctx.addCookies([{ name: "NEXT_LOCALE", value: locale, url: base }]);
  const page = await ctx.newPage();
  const res = await page.goto(path);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: `/tmp/apshots/${name}.png`, fullPage: true });
  console.log(name, res?.status());
  await ctx.close();
}
await browser.close();
