import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/safe-callback";

describe("safeCallbackPath (where the browser goes after sign-in)", () => {
  it.each(["/staff", "/staff/orders/12?tab=log#top", "/home", "/me?x=%2F%2Fevil", "/staff/registry/buildings/3"])(
    "keeps the same-origin path %s",
    (path) => {
      expect(safeCallbackPath(path)).toBe(path);
    },
  );

  it.each([
    "/\\evil.example/phish",
    "/%5Cevil.example/phish",
    "/%5cevil.example/phish",
    "\\\\evil.example",
    "/\tevil.example/x",
    "/%09/evil.example/phish",
    "/%0a/evil.example",
    "/%0D%0A/evil.example",
    "/ /evil.example",
    "/%20/evil.example",
    "//evil.example/phish",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "///evil.example",
    "https://evil.example/phish",
    "http:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "%2F%2Fevil.example",
    "/%252F%252Fevil.example",
    "/\u0000/evil.example",
    "/\u2028/evil.example",
    "",
    undefined,
    null,
  ])("refuses %j and falls back to /", (value) => {
    expect(safeCallbackPath(value as string | undefined)).toBe("/");
  });

  it("refuses arrays (a repeated query parameter)", () => {
    expect(safeCallbackPath(["/staff", "//evil.example"] as unknown as string)).toBe("/");
  });

  it("resolves to the same origin for every accepted value", () => {
    for (const v of ["/staff", "/a/../b", "/./c"]) {
      const out = safeCallbackPath(v);
      expect(new URL(out, "https://guanjia.test").origin).toBe("https://guanjia.test");
    }
  });
});
