import { expect, test } from "../support/test";
import { SMTPServer } from "smtp-server";
import billingEn from "../../../messages/billing/en.json" with { type: "json" };
import billingZh from "../../../messages/billing/zh-CN.json" with { type: "json" };
import portalEn from "../../../messages/portal/en.json" with { type: "json" };
import portalZh from "../../../messages/portal/zh-CN.json" with { type: "json" };
import { E2E_SMTP_PORT } from "../../../playwright.config";
import { signInThroughForm, uniqueTag } from "../support/factories";
import { LOCALES, type Locale } from "../support/messages";
import { createPortalResident, insertProduct } from "./support";

type Mail = { to: string[]; subject: string; body: string };

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) in a header. */
function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(
          text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
  );
}

/** Subject and text of a single-part message (base64 or quoted-printable). */
function parse(raw: string): { subject: string; body: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const rawBody = raw.slice(split + 4);
  const subject = decodeHeader(/^subject: (.*)$/im.exec(head)?.[1] ?? "");
  const encoding = /^content-transfer-encoding: (.*)$/im.exec(head)?.[1]?.trim().toLowerCase();
  const body =
    encoding === "base64"
      ? Buffer.from(rawBody.replace(/\s+/g, ""), "base64").toString("utf8")
      : Buffer.from(
          rawBody
            .replace(/=\r?\n/g, "")
            .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ).toString("utf8");
  return { subject, body };
}

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ""));

test.use({
  viewport: { width: 375, height: 812 },
  isMobile: true,
  hasTouch: true,
  storageState: { cookies: [], origins: [] },
});

test("a resident who pays a shop order receives the e-mail through the SMTP server, in their language", async ({
  browser,
}) => {
  test.slow();
  const received: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          ...parse(Buffer.concat(chunks).toString("utf8")),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(E2E_SMTP_PORT, "127.0.0.1", resolve));
  try {
    for (const locale of LOCALES as readonly Locale[]) {
      const portal = locale === "en" ? portalEn : portalZh;
      const billing = locale === "en" ? billingEn : billingZh;
      const r = await createPortalResident(locale);
      const name = `E2E 桶装水 ${uniqueTag()}`;
      const productId = await insertProduct(r, { name, priceFen: 2_000, stock: 5 });
      const page = await (
        await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true })
      ).newPage();
      await page.goto("/sign-in");
      await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: page.url() }]);
      await page.reload();
      await signInThroughForm(page, r.email, r.password, locale);
      await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 });
      await page.goto("/shop");
      await page.getByTestId(`add-${productId}`).getByRole("button", { name: portal.shop.addToCart }).click();
      await expect(page.getByTestId("cart-link")).toContainText("1");
      await page.getByTestId("cart-link").click();
      await page.getByRole("button", { name: portal.shop.placeOrder }).click();
      await expect(page).toHaveURL(/\/shop\/pay\//);
      await page.getByRole("button", { name: billing.checkout.pay, exact: true }).click();
      await expect(page).toHaveURL(/\/shop\/orders\/\d+$/);
      const orderId = Number(page.url().split("/").pop());

      // Sent right after the payment's response (after()), not by a cron: it arrives within seconds.
      await expect
        .poll(() => received.filter((m) => m.to.includes(r.email)).length, { timeout: 20_000 })
        .toBeGreaterThan(0);
      const mail = received.find((m) => m.to.includes(r.email))!;
      expect(mail.subject).toBe(fill(portal.outbox.shopPaid.subject, { orderId }));
      expect(mail.body).toContain(`#${orderId}`);
      expect(mail.body).toContain("20.00");
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
