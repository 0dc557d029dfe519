import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";

const action = (body: string, headers: Record<string, string> = {}) =>
  new NextRequest("http://localhost:3000/staff/billing", {
    method: "POST",
    body,
    headers: {
      host: "localhost:3000",
      origin: "http://localhost:3000",
      "next-action": "7f00aa",
      "content-type": "text/plain;charset=UTF-8",
      cookie: "next-auth.session-token=x",
      ...headers,
    },
  });

describe("proxy.ts", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("answers a cross-origin server-action call 403", async () => {
    expect((await proxy(action("[]", { origin: "https://evil.example" }))).status).toBe(403);
  });

  it("answers a malformed, over-deep or oddly typed action body 400", async () => {
    expect((await proxy(action("[{bad"))).status).toBe(400);
    expect((await proxy(action("[".repeat(5000) + "]".repeat(5000)))).status).toBe(400);
    expect((await proxy(action("<x/>", { "content-type": "application/xml" }))).status).toBe(400);
    const form = new FormData();
    form.append("0", "[".repeat(100) + "]".repeat(100));
    const multipart = new NextRequest("http://localhost:3000/staff/orders", {
      method: "POST",
      body: form,
      headers: { host: "localhost:3000", origin: "http://localhost:3000", "next-action": "7f00aa" },
    });
    expect((await proxy(multipart)).status).toBe(400);
  });

  it("lets a well-formed same-origin call through", async () => {
    const res = await proxy(action('[{"householdId":1}]'));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });

  it("sets a fresh nonce CSP on every page, and HSTS only over https", async () => {
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
    const a = await proxy(new NextRequest("http://localhost:3000/sign-in"));
    const b = await proxy(new NextRequest("http://localhost:3000/sign-in"));
    expect(a.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(a.headers.get("content-security-policy")).not.toBe(b.headers.get("content-security-policy"));
    expect(a.headers.get("strict-transport-security")).toBeNull();
    // A client's own x-forwarded-proto is not believed without trusted proxies…
    expect(
      (
        await proxy(new NextRequest("http://localhost:3000/sign-in", { headers: { "x-forwarded-proto": "https" } }))
      ).headers.get("strict-transport-security"),
    ).toBeNull();
    // …but is from a trusted proxy, and NEXTAUTH_URL on https always means https.
    vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
    expect(
      (
        await proxy(new NextRequest("http://localhost:3000/sign-in", { headers: { "x-forwarded-proto": "https" } }))
      ).headers.get("strict-transport-security"),
    ).toMatch(/max-age=\d+/);
    vi.stubEnv("TRUSTED_PROXY_HOPS", "0");
    vi.stubEnv("NEXTAUTH_URL", "https://guanjia.example.com");
    expect(
      (await proxy(new NextRequest("http://localhost:3000/sign-in"))).headers.get("strict-transport-security"),
    ).toMatch(/includeSubDomains/);
  });

  it("still sends a visitor without a session cookie from a signed-in page to sign-in", async () => {
    const res = await proxy(new NextRequest("http://localhost:3000/staff/orders?x=1"));
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("http://localhost:3000/sign-in?callbackUrl=%2Fstaff%2Forders%3Fx%3D1");
  });
});
