import { describe, expect, it } from "vitest";
import { checkOAuthState, newOAuthState, STATE_TTL_MS } from "@/lib/auth/wechat-state";
import { authorizeUrl } from "@/lib/outbox/wechat/client";
import {
  formatFieldMapping,
  isTokenError,
  parseFieldMapping,
  templateDataOf,
  tokenUsableUntil,
  wechatKindOf,
} from "@/lib/outbox/wechat/rules";
import { wechatAccountSchema } from "@/lib/outbox/wechat/schemas";

const KEY = Buffer.alloc(32, 7);
const NOW = new Date("2026-03-10T04:00:00Z");

describe("OAuth state", () => {
  it("accepts its own nonce from its own cookie before expiry", () => {
    const s = newOAuthState(42, KEY, NOW);
    expect(checkOAuthState(s.cookie, s.nonce, KEY, NOW)).toEqual({
      companyId: 42,
      nonce: s.nonce,
      expiresAt: NOW.getTime() + STATE_TTL_MS,
    });
  });

  it("refuses another nonce, an expired cookie, another key, a changed company and garbage", () => {
    const s = newOAuthState(42, KEY, NOW);
    const other = newOAuthState(42, KEY, NOW);
    expect(checkOAuthState(s.cookie, other.nonce, KEY, NOW)).toBeNull();
    expect(checkOAuthState(s.cookie, s.nonce, KEY, new Date(NOW.getTime() + STATE_TTL_MS))).toBeNull();
    expect(checkOAuthState(s.cookie, s.nonce, Buffer.alloc(32, 8), NOW)).toBeNull();
    expect(checkOAuthState(s.cookie.replace(/^42\./, "43."), s.nonce, KEY, NOW)).toBeNull();
    expect(checkOAuthState(undefined, s.nonce, KEY, NOW)).toBeNull();
    expect(checkOAuthState(s.cookie, null, KEY, NOW)).toBeNull();
    expect(checkOAuthState("a.b.c", "b", KEY, NOW)).toBeNull();
  });
});

describe("template messages", () => {
  it("maps template fields to our parameters, money as yuan without floats", () => {
    expect(
      templateDataOf(
        { first: "company", keyword1: "receiptNo", keyword2: "amount", remark: "missing" },
        { company: "物业", receiptNo: "R-9", amountFen: 100005 },
      ),
    ).toEqual({
      first: { value: "物业" },
      keyword1: { value: "R-9" },
      keyword2: { value: "1000.05" },
      remark: { value: "" },
    });
  });

  it("parses and formats the settings' field mapping; refuses malformed lines", () => {
    expect(parseFieldMapping("keyword1=receiptNo\n keyword2 : amount ，first=title")).toEqual({
      keyword1: "receiptNo",
      keyword2: "amount",
      first: "title",
    });
    expect(parseFieldMapping("keyword1 receiptNo")).toBeNull();
    expect(formatFieldMapping({ a: "title", b: "company" })).toBe("a=title\nb=company");
  });

  it("knows which templates have a WeChat kind and which errcodes refresh the token", () => {
    expect(wechatKindOf("arrearsNotice")).toBe("arrears");
    expect(wechatKindOf("signInCode")).toBeNull();
    expect([40001, 42001, 40014, 45009].map(isTokenError)).toEqual([true, true, true, false]);
    expect(tokenUsableUntil(NOW, 7200)).toEqual(new Date(NOW.getTime() + 7200_000 - 300_000));
  });

  it("the settings schema refuses unknown parameters and a mapping without a template id", () => {
    const base = {
      enabled: true,
      appId: "wx0123456789abcdef",
      appSecret: "",
      apiBaseUrl: "https://api.weixin.qq.com",
      oauthBaseUrl: "https://open.weixin.qq.com",
    };
    const bad = wechatAccountSchema.safeParse({
      ...base,
      templates: {
        receipt: { templateId: "T", fields: "keyword1=title" },
        activity: { templateId: "", fields: "first=title" },
      },
    });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("."))).toEqual([
      "templates.receipt.fields",
      "templates.activity.templateId",
    ]);
    expect(wechatAccountSchema.safeParse({ ...base, appId: "nope", templates: {} }).success).toBe(false);
  });
});

describe("authorize URL", () => {
  it("is WeChat's documented form with #wechat_redirect", () => {
    expect(authorizeUrl("https://open.weixin.qq.com", "wx1", "https://g.cn/wechat/oauth/callback", "abc")).toBe(
      "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1&redirect_uri=https%3A%2F%2Fg.cn%2Fwechat%2Foauth%2Fcallback&response_type=code&scope=snsapi_base&state=abc#wechat_redirect",
    );
  });
});
