import { maySignInWhileClosing } from "@/lib/auth/session-rules";
import { describe, expect, it } from "vitest";
import {
  anonymizedName,
  anonymizedUser,
  closureState,
  companyNameHash,
  isSamePerson,
  needsConsent,
  purgeDueAt,
} from "@/lib/privacy/rules";
import { acceptField } from "@/lib/validation";
import { decidePrivacyRequestSchema, privacyRequestSchema, privacySettingsSchema } from "@/lib/privacy/schemas";

describe("consent versions", () => {
  it("asks when never accepted or an older version was accepted", () => {
    expect(needsConsent(null, 1)).toBe(true);
    expect(needsConsent(undefined, 1)).toBe(true);
    expect(needsConsent(1, 2)).toBe(true);
    expect(needsConsent(2, 2)).toBe(false);
    expect(needsConsent(3, 2)).toBe(false);
  });

  it("the accept box must be ticked", () => {
    expect(acceptField.safeParse(true).success).toBe(true);
    for (const v of [false, "on", undefined, 1]) expect(acceptField.safeParse(v).success).toBe(false);
    expect(acceptField.safeParse(false).error?.issues[0].message).toBe("privacy.errors.mustAccept");
  });
});

describe("anonymization rules", () => {
  it("matches a household contact by the same phone or the same e-mail (any case), never by nothing", () => {
    const person = { phone: "13900001111", email: "Wu@Example.com" };
    expect(isSamePerson({ phone: "13900001111", email: null }, person)).toBe(true);
    expect(isSamePerson({ phone: " 13900001111 ", email: null }, person)).toBe(true);
    expect(isSamePerson({ phone: null, email: "wu@example.COM" }, person)).toBe(true);
    expect(isSamePerson({ phone: "13900002222", email: "other@example.com" }, person)).toBe(false);
    expect(isSamePerson({ phone: null, email: null }, { phone: null, email: null })).toBe(false);
    expect(isSamePerson({ phone: "", email: "" }, { phone: "", email: "" })).toBe(false);
  });

  it("an anonymized account keeps no name, phone, e-mail or usable password and cannot sign in", () => {
    const u = anonymizedUser(42, "!anonymized:x");
    expect(u).toEqual({
      name: "anonymized-42",
      phone: null,
      email: null,
      locale: null,
      passwordHash: "!anonymized:x",
      active: false,
    });
    expect(anonymizedName(7)).toBe("anonymized-7");
  });
});

describe("tenant exit rules", () => {
  it("the purge is due grace days after the request; open, closing, due", () => {
    const asked = new Date("2026-03-01T08:00:00Z");
    const due = purgeDueAt(asked, 30);
    expect(due.toISOString()).toBe("2026-03-31T08:00:00.000Z");
    expect(closureState({ purgeAfter: null }, asked)).toBe("open");
    expect(closureState({ purgeAfter: due }, new Date(due.getTime() - 1))).toBe("closing");
    expect(closureState({ purgeAfter: due }, due)).toBe("due");
  });

  it("the name is kept only as a hash bound to the company id", () => {
    const h = companyNameHash(5, "示范物业");
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).toBe(companyNameHash(5, "示范物业"));
    expect(h).not.toBe(companyNameHash(6, "示范物业"));
  });

  it("while closing only admins sign in", () => {
    expect(maySignInWhileClosing(["admin", "finance"])).toBe(true);
    expect(maySignInWhileClosing(["resident"])).toBe(false);
    expect(maySignInWhileClosing(["front_desk"])).toBe(false);
  });
});

describe("privacy schemas", () => {
  it("a request needs a kind and details", () => {
    expect(privacyRequestSchema.safeParse({ kind: "deletion", details: "  请删除  " }).data).toEqual({
      kind: "deletion",
      details: "请删除",
    });
    expect(privacyRequestSchema.safeParse({ kind: "export", details: "x" }).error?.issues[0].message).toBe(
      "privacy.errors.kind",
    );
    expect(privacyRequestSchema.safeParse({ kind: "correction", details: " " }).error?.issues[0].message).toBe(
      "validation.required",
    );
  });

  it("a rejection needs a reason, an acceptance does not", () => {
    expect(decidePrivacyRequestSchema.safeParse({ requestId: "3", decision: "accept" }).success).toBe(true);
    const r = decidePrivacyRequestSchema.safeParse({ requestId: "3", decision: "reject", reason: "" });
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["reason", "privacy.errors.reasonRequired"],
    ]);
  });

  it("retention is at least 10 years (tax records), the grace period 7–365 days", () => {
    expect(privacySettingsSchema.safeParse({ moneyRetentionYears: "30", closureGraceDays: "30" }).data).toEqual({
      moneyRetentionYears: 30,
      closureGraceDays: 30,
    });
    expect(
      privacySettingsSchema.safeParse({ moneyRetentionYears: "5", closureGraceDays: "30" }).error?.issues[0].message,
    ).toBe("privacy.errors.retentionMin");
    expect(
      privacySettingsSchema.safeParse({ moneyRetentionYears: "30", closureGraceDays: "3" }).error?.issues[0].message,
    ).toBe("privacy.errors.graceMin");
  });
});
