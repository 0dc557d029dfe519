import { describe, expect, it } from "vitest";
import { GATE_ROLES, hasAnyRole, homePathFor, isRole, isStaff, STAFF_ROLES } from "@/lib/auth/roles";
import { navFor, STAFF_NAV } from "@/components/shell/nav";
import { ROLES } from "@/db/schema/_enums";

describe("roles", () => {
  it("lists the twelve roles of SPEC §2, staff roles without resident", () => {
    expect(ROLES).toHaveLength(12);
    expect(STAFF_ROLES).not.toContain("resident");
    expect(STAFF_ROLES).toHaveLength(11);
  });

  it("gives cleaners and guards their own field pages only, and the guard the gate", () => {
    const hrefs = (role: "cleaner" | "guard") => navFor(STAFF_NAV, [role]).map((i) => i.href);
    expect(hrefs("cleaner")).toContain("/staff/field/cleaning");
    expect(hrefs("cleaner")).not.toContain("/staff/field/patrol");
    expect(hrefs("guard")).toContain("/staff/field/patrol");
    expect(hrefs("guard")).not.toContain("/staff/field/board");
    expect(hrefs("guard")).not.toContain("/staff/orders");
    expect(GATE_ROLES).toEqual(["guard", "front_desk", "supervisor", "project_manager", "admin"]);
    expect(hrefs("guard")).toContain("/staff/gate");
  });

  it("recognises only known roles", () => {
    expect(isRole("butler")).toBe(true);
    expect(isRole("root")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it("grants access when any required role is held", () => {
    expect(hasAnyRole(["butler", "supervisor"], ["supervisor"])).toBe(true);
    expect(hasAnyRole(["butler"], ["admin", "finance"])).toBe(false);
    expect(hasAnyRole(["resident"], ["admin"])).toBe(false);
  });

  it("treats an empty requirement as 'any member', but not as 'anyone'", () => {
    expect(hasAnyRole(["resident"], [])).toBe(true);
    expect(hasAnyRole([], [])).toBe(false);
  });

  it("sends staff to the dashboard and residents home", () => {
    expect(homePathFor(["resident"])).toBe("/home");
    expect(homePathFor(["technician"])).toBe("/staff");
    expect(homePathFor(["resident", "butler"])).toBe("/staff");
    expect(homePathFor([])).toBe("/sign-in");
    expect(isStaff(["resident"])).toBe(false);
  });

  it("shows admin-only sidebar entries to admins only", () => {
    const butler = navFor(STAFF_NAV, ["butler"]).map((i) => i.href);
    const admin = navFor(STAFF_NAV, ["admin"]).map((i) => i.href);
    expect(butler).not.toContain("/staff/admin/users");
    expect(admin).toContain("/staff/admin/users");
    expect(butler).toContain("/staff");
  });

  it("shows the registry structure to butlers and supervisors (their own buildings, SPEC §2), not to technicians or HR", () => {
    for (const role of ["butler", "supervisor", "project_manager", "finance"] as const)
      expect(navFor(STAFF_NAV, [role]).map((i) => i.href)).toContain("/staff/registry");
    for (const role of ["technician", "hr"] as const)
      expect(navFor(STAFF_NAV, [role]).map((i) => i.href)).not.toContain("/staff/registry");
  });
});
