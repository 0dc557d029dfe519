import { describe, expect, it } from "vitest";
import {
  actionContentType,
  isCrossOrigin,
  jsonDepth,
  jsonPayloadProblem,
  MAX_ACTION_JSON_DEPTH,
} from "@/lib/http/action-guard";
import { contentSecurityPolicy, newNonce } from "@/lib/http/security-headers";

describe("server-action guard", () => {
  it("tells a cross-origin call from a same-origin one", () => {
    expect(isCrossOrigin("http://localhost:3311", "localhost:3311")).toBe(false);
    expect(isCrossOrigin("https://evil.example", "guanjia.example.com")).toBe(true);
    expect(isCrossOrigin("null", "guanjia.example.com")).toBe(true);
    expect(isCrossOrigin(null, "guanjia.example.com")).toBe(false);
  });

  it("measures JSON nesting without recursion, skipping brackets inside strings", () => {
    expect(jsonDepth('[{"a":"[[[{{{"}]')).toBe(2);
    expect(jsonDepth('[{"a":"\\"]"}]')).toBe(2);
    expect(jsonDepth("[".repeat(100_000) + "]".repeat(100_000))).toBe(100_000);
    expect(jsonDepth("[[]")).toBe(-1);
    expect(jsonDepth("]")).toBe(-1);
  });

  it("refuses malformed and over-deep payloads, accepts what React sends", () => {
    expect(jsonPayloadProblem('[{"householdId":1,"amount":"12.50","note":"a [b] {c}"}]')).toBeNull();
    expect(jsonPayloadProblem("[]")).toBeNull();
    expect(jsonPayloadProblem("{not json")).toBe("malformed");
    expect(jsonPayloadProblem('[{"a":1,}]')).toBe("malformed");
    expect(jsonPayloadProblem("[".repeat(MAX_ACTION_JSON_DEPTH + 1) + "]".repeat(MAX_ACTION_JSON_DEPTH + 1))).toBe(
      "too_deep",
    );
    expect(jsonPayloadProblem("[".repeat(MAX_ACTION_JSON_DEPTH) + "]".repeat(MAX_ACTION_JSON_DEPTH))).toBeNull();
  });

  it("accepts the body types a browser uses for actions only", () => {
    expect(actionContentType("text/plain;charset=UTF-8")).toBe("json");
    expect(actionContentType("multipart/form-data; boundary=x")).toBe("form");
    expect(actionContentType("application/x-www-form-urlencoded")).toBe("form");
    expect(actionContentType("application/xml")).toBeNull();
    expect(actionContentType(null)).toBeNull();
  });
});

describe("content security policy", () => {
  it("allows scripts only with the response's nonce: no 'unsafe-inline' for scripts", () => {
    const nonce = newNonce();
    const csp = contentSecurityPolicy(nonce);
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scriptSrc).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(newNonce()).not.toBe(nonce);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
