import { describe, expect, it } from "vitest";
import {
  approveRegistrationSchema,
  registerSchema,
  registrationTabSchema,
  rejectRegistrationSchema,
  removeLinkSchema,
  requestHouseholdSchema,
} from "@/lib/residents/schemas";

const valid = {
  code: "abcd-2345",
  name: " 吴晓明 ",
  phone: "+86 139 1234 5678",
  password: "longenough",
  relation: "owner",
  acceptPrivacy: true,
};

function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("register schema", () => {
  it("normalises the code, the name and the phone", () => {
    expect(registerSchema.parse(valid)).toEqual({
      code: "ABCD2345",
      name: "吴晓明",
      phone: "13912345678",
      password: "longenough",
      relation: "owner",
      acceptPrivacy: true,
    });
  });

  it("accepts codes typed with spaces, dashes and in lower case", () => {
    for (const code of ["ABCD2345", "abcd 2345", " ab-cd-23-45 ", "AbCd2345"])
      expect(registerSchema.parse({ ...valid, code }).code).toBe("ABCD2345");
  });

  it("refuses codes of the wrong shape with the format message (no look-up needed)", () => {
    // Too short, too long, look-alike symbols the alphabet leaves out (0, O, 1, I, L).
    for (const code of ["ABC2345", "ABCD23456", "ABCD0345", "ABCDO345", "ABCD1345", "ABCDI345", "ABCDL345", "ABCD234!"])
      expect(fieldErrors(registerSchema.safeParse({ ...valid, code })), code).toEqual({
        code: "residents.errors.codeFormat",
      });
  });

  it("reports each bad field with its message key", () => {
    const result = registerSchema.safeParse({
      code: "",
      name: "",
      phone: "123",
      password: "short",
      relation: "landlord",
    });
    expect(fieldErrors(result)).toEqual({
      code: "validation.required",
      name: "validation.required",
      phone: "validation.phone",
      password: "validation.passwordTooShort",
      relation: "residents.errors.relation",
      acceptPrivacy: "privacy.errors.mustAccept",
    });
  });

  it("knows the three relations", () => {
    for (const relation of ["owner", "family", "tenant"])
      expect(registerSchema.safeParse({ ...valid, relation }).success).toBe(true);
  });
});

describe("request-household schema", () => {
  it("takes a code and a relation only", () => {
    expect(requestHouseholdSchema.parse({ code: "wxyz 6789", relation: "tenant", extra: 1 })).toEqual({
      code: "WXYZ6789",
      relation: "tenant",
    });
    expect(fieldErrors(requestHouseholdSchema.safeParse({ code: "WXYZ6789" }))).toEqual({
      relation: "residents.errors.relation",
    });
  });
});

describe("decision schemas", () => {
  it("coerce link ids from form strings and refuse non-positive ones", () => {
    expect(approveRegistrationSchema.parse({ linkId: "12" })).toEqual({ linkId: 12 });
    expect(removeLinkSchema.safeParse({ linkId: 0 }).success).toBe(false);
    expect(removeLinkSchema.safeParse({ linkId: "abc" }).success).toBe(false);
  });

  it("keep a trimmed reason, or null when blank", () => {
    expect(rejectRegistrationSchema.parse({ linkId: 1, reason: "  不是业主本人  " })).toEqual({
      linkId: 1,
      reason: "不是业主本人",
    });
    expect(rejectRegistrationSchema.parse({ linkId: 1, reason: "   " })).toEqual({ linkId: 1, reason: null });
    expect(rejectRegistrationSchema.parse({ linkId: 1 })).toEqual({ linkId: 1, reason: null });
    expect(fieldErrors(rejectRegistrationSchema.safeParse({ linkId: 1, reason: "x".repeat(201) }))).toEqual({
      reason: "validation.tooLong",
    });
  });

  it("fall back to the pending tab for unknown statuses", () => {
    expect(registrationTabSchema.parse("rejected")).toBe("rejected");
    expect(registrationTabSchema.parse("removed")).toBe("pending");
    expect(registrationTabSchema.parse(undefined)).toBe("pending");
  });
});
