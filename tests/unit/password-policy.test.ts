import { describe, expect, it } from "vitest";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "@/lib/auth/password-policy";
import { signUpSchema, createStaffSchema, changePasswordSchema } from "@/lib/tenancy/schemas";
import { registerSchema } from "@/lib/residents/schemas";

const messagesOf = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("password policy", () => {
  it("needs at least 10 characters", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(passwordProblem("Abc!2345x")).toBe("validation.passwordTooShort");
    expect(passwordProblem("12345678")).toBe("validation.passwordTooShort");
  });

  it.each([
    "1234567890",
    "qwertyuiop",
    "Password123",
    "PASSWORD123!",
    "1qaz2wsx3edc",
    "woaini1314",
    "5201314520",
    "aaaaaaaaaaaa",
    "1212121212",
    "abcabcabcabc",
  ])("refuses the common or trivial password %s", (pw) => {
    expect(passwordProblem(pw)).toBe("validation.passwordCommon");
  });

  it("refuses a password containing the person's phone number or e-mail", () => {
    expect(passwordProblem("x13812345678", { phone: "13812345678" })).toBe("validation.passwordPersonal");
    expect(passwordProblem("Zhangwei.2026!", { email: "zhangwei@example.cn" })).toBe("validation.passwordPersonal");
    expect(passwordProblem("zhangwei@example.cn", { email: "zhangwei@example.cn" })).toBe(
      "validation.passwordPersonal",
    );
    expect(passwordProblem("Orchid-lamp-47", { phone: "13812345678", email: "zhangwei@example.cn" })).toBeNull();
  });

  it("keeps the demo password and ordinary strong ones valid", () => {
    expect(passwordProblem("Guanjia@2026", { phone: "13800000001", email: "admin@demo.guanjia.cn" })).toBeNull();
    expect(passwordProblem("test-password-1")).toBeNull();
    expect(passwordProblem("月光下的猫在2026年")).toBeNull();
  });

  it("applies to sign-up, staff creation, password change and registration, at the password field", () => {
    const base = { companyName: "物业", name: "王", phone: "13812345678", email: "wang@example.cn", acceptDpa: true };
    expect(messagesOf(signUpSchema.safeParse({ ...base, password: "12345678" }))).toEqual([
      "password: validation.passwordTooShort",
    ]);
    expect(messagesOf(signUpSchema.safeParse({ ...base, password: "password123" }))).toEqual([
      "password: validation.passwordCommon",
    ]);
    expect(messagesOf(signUpSchema.safeParse({ ...base, password: "a13812345678" }))).toEqual([
      "password: validation.passwordPersonal",
    ]);
    expect(
      messagesOf(
        createStaffSchema.safeParse({
          name: "李",
          phone: "13812345678",
          email: "",
          password: "x13812345678",
          roles: ["butler"],
        }),
      ),
    ).toEqual(["password: validation.passwordPersonal"]);
    expect(
      messagesOf(changePasswordSchema.safeParse({ currentPassword: "whatever", newPassword: "qwertyuiop" })),
    ).toEqual(["newPassword: validation.passwordCommon"]);
    expect(
      messagesOf(
        registerSchema.safeParse({
          code: "ABCD-2345",
          name: "赵",
          phone: "13812345678",
          password: "13812345678a",
          relation: "owner",
          acceptPrivacy: true,
        }),
      ),
    ).toContain("password: validation.passwordPersonal");
  });
});
