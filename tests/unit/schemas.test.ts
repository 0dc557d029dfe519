import { describe, expect, it } from "vitest";
import { changePasswordSchema, createStaffSchema, setRolesSchema, signUpSchema } from "@/lib/tenancy/schemas";

const valid = {
  companyName: "测试物业",
  name: "张三",
  phone: "139 1234 5678",
  email: " Boss@Example.COM ",
  password: "longenough",
  acceptDpa: true,
};

function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("sign-up schema", () => {
  it("normalises phone and e-mail", () => {
    const parsed = signUpSchema.parse(valid);
    expect(parsed.phone).toBe("13912345678");
    expect(parsed.email).toBe("boss@example.com");
  });

  it("accepts +86 prefixes", () => {
    expect(signUpSchema.parse({ ...valid, phone: "+86 13912345678" }).phone).toBe("13912345678");
  });

  it("reports each bad field with its message key", () => {
    const result = signUpSchema.safeParse({
      companyName: "",
      name: " ",
      phone: "12345",
      email: "not-an-email",
      password: "short",
    });
    expect(fieldErrors(result)).toEqual({
      companyName: "validation.required",
      name: "validation.required",
      phone: "validation.phone",
      email: "validation.email",
      password: "validation.passwordTooShort",
      acceptDpa: "privacy.errors.mustAccept",
    });
  });

  it("rejects numbers that are not mainland mobiles", () => {
    for (const phone of ["23912345678", "1291234567", "139123456789", "1391234567a"])
      expect(signUpSchema.safeParse({ ...valid, phone }).success).toBe(false);
  });
});

describe("staff schemas", () => {
  const staff = {
    name: "李四",
    phone: "13700000000",
    email: "",
    password: "orchid-lamp-47",
    roles: ["butler", "butler", "supervisor"],
  };

  it("makes e-mail optional and de-duplicates roles", () => {
    const parsed = createStaffSchema.parse(staff);
    expect(parsed.email).toBeUndefined();
    expect(parsed.roles).toEqual(["butler", "supervisor"]);
  });

  it("refuses no roles, unknown roles and the resident role", () => {
    expect(fieldErrors(createStaffSchema.safeParse({ ...staff, roles: [] }))).toEqual({
      roles: "validation.rolesRequired",
    });
    expect(createStaffSchema.safeParse({ ...staff, roles: ["root"] }).success).toBe(false);
    expect(createStaffSchema.safeParse({ ...staff, roles: ["resident"] }).success).toBe(false);
  });

  it("coerces a form's user id", () => {
    expect(setRolesSchema.parse({ userId: "12", roles: ["hr"] }).userId).toBe(12);
    expect(setRolesSchema.safeParse({ userId: "-1", roles: ["hr"] }).success).toBe(false);
  });
});

describe("change-password schema", () => {
  it("requires a new password that differs and is long enough", () => {
    expect(
      fieldErrors(changePasswordSchema.safeParse({ currentPassword: "same-same-10", newPassword: "same-same-10" })),
    ).toEqual({
      newPassword: "validation.passwordUnchanged",
    });
    expect(fieldErrors(changePasswordSchema.safeParse({ currentPassword: "x", newPassword: "short" }))).toEqual({
      newPassword: "validation.passwordTooShort",
    });
  });
});
