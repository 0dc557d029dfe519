import { describe, expect, it } from "vitest";
import { LINK_STATUSES } from "@/db/schema/registry";
import type { Role } from "@/lib/auth/roles";
import {
  approvalScope,
  canTransition,
  maskPhone,
  mayDecide,
  removeVerdict,
  requestOutcome,
  type HouseholdStaff,
  type LinkFacts,
} from "@/lib/residents/rules";

describe("link status transitions", () => {
  const allowed = [
    ["pending", "approved"],
    ["pending", "rejected"],
    ["approved", "removed"],
    ["rejected", "pending"],
    ["removed", "pending"],
  ];

  it("allow exactly the listed moves", () => {
    for (const from of LINK_STATUSES)
      for (const to of LINK_STATUSES)
        expect(canTransition(from, to), `${from} → ${to}`).toBe(allowed.some(([f, t]) => f === from && t === to));
  });

  it("never decide a request twice or remove a pending one", () => {
    expect(canTransition("approved", "approved")).toBe(false);
    expect(canTransition("rejected", "approved")).toBe(false);
    expect(canTransition("pending", "removed")).toBe(false);
  });
});

describe("asking for a household", () => {
  it("creates, refuses duplicates, reopens after a rejection or removal", () => {
    expect(requestOutcome(null)).toBe("create");
    expect(requestOutcome(undefined)).toBe("create");
    expect(requestOutcome("pending")).toBe("alreadyPending");
    expect(requestOutcome("approved")).toBe("alreadyLinked");
    expect(requestOutcome("rejected")).toBe("reopen");
    expect(requestOutcome("removed")).toBe("reopen");
  });
});

describe("who decides a request", () => {
  const household: HouseholdStaff = { butlerUserId: 10, supervisorUserId: 20, managerUserId: 30 };
  const nobody: HouseholdStaff = { butlerUserId: null, supervisorUserId: null, managerUserId: null };
  const viewer = (userId: number, ...roles: Role[]) => ({ userId, roles });

  it("admin and front desk: the whole company", () => {
    expect(approvalScope(["admin"])).toEqual({ kind: "company" });
    expect(approvalScope(["front_desk", "butler"])).toEqual({ kind: "company" });
    expect(mayDecide(viewer(99, "admin"), household)).toBe(true);
    expect(mayDecide(viewer(99, "front_desk"), nobody)).toBe(true);
  });

  it("roles that decide nothing, even those that see households (finance, legal)", () => {
    for (const role of ["resident", "technician", "finance", "hr", "legal"] as const) {
      expect(approvalScope([role])).toEqual({ kind: "none" });
      expect(mayDecide(viewer(10, role), household)).toBe(false);
    }
    // Finance beside a butler role: only the butler's households, not the company's.
    expect(approvalScope(["finance", "butler"])).toEqual({ kind: "assigned", roles: ["butler"] });
  });

  it("a butler: own households only", () => {
    expect(mayDecide(viewer(10, "butler"), household)).toBe(true);
    expect(mayDecide(viewer(11, "butler"), household)).toBe(false);
    expect(mayDecide(viewer(10, "butler"), nobody)).toBe(false);
  });

  it("a supervisor: the households of their team's butlers, and their own", () => {
    expect(mayDecide(viewer(20, "supervisor"), household)).toBe(true);
    expect(mayDecide(viewer(21, "supervisor"), household)).toBe(false);
    // A supervisor who serves a building directly is that household's butler.
    expect(mayDecide(viewer(21, "supervisor"), { ...household, butlerUserId: 21, supervisorUserId: null })).toBe(true);
    expect(mayDecide(viewer(20, "supervisor"), { ...household, butlerUserId: null })).toBe(false);
  });

  it("a project manager: households in their community", () => {
    expect(mayDecide(viewer(30, "project_manager"), household)).toBe(true);
    expect(mayDecide(viewer(31, "project_manager"), household)).toBe(false);
    expect(mayDecide(viewer(30, "project_manager"), { ...household, managerUserId: null })).toBe(false);
  });

  it("several roles: the union of their scopes", () => {
    expect(approvalScope(["butler", "supervisor"])).toEqual({ kind: "assigned", roles: ["butler", "supervisor"] });
    expect(mayDecide(viewer(30, "butler", "project_manager"), household)).toBe(true);
    expect(mayDecide(viewer(10, "butler", "supervisor"), household)).toBe(true);
    expect(mayDecide(viewer(40, "butler", "supervisor", "project_manager"), household)).toBe(false);
  });
});

describe("who removes whom", () => {
  const owner: LinkFacts = { userId: 1, relation: "owner", status: "approved" };
  const family: LinkFacts = { userId: 2, relation: "family", status: "approved" };
  const tenant: LinkFacts = { userId: 3, relation: "tenant", status: "approved" };
  const coOwner: LinkFacts = { userId: 4, relation: "owner", status: "approved" };

  it("an approved owner removes approved family members and tenants", () => {
    expect(removeVerdict(owner, family)).toBe("ok");
    expect(removeVerdict(owner, tenant)).toBe("ok");
  });

  it("nobody else removes anyone", () => {
    expect(removeVerdict(family, tenant)).toBe("notOwner");
    expect(removeVerdict(tenant, family)).toBe("notOwner");
    expect(removeVerdict(family, owner)).toBe("notOwner");
    expect(removeVerdict({ ...owner, status: "pending" }, family)).toBe("notOwner");
    expect(removeVerdict({ ...owner, status: "removed" }, family)).toBe("notOwner");
  });

  it("owners are not removed, nor oneself, nor links that are not approved", () => {
    expect(removeVerdict(owner, coOwner)).toBe("cannotRemoveOwner");
    expect(removeVerdict(owner, owner)).toBe("self");
    expect(removeVerdict(owner, { ...family, status: "pending" })).toBe("notApproved");
    expect(removeVerdict(owner, { ...family, status: "removed" })).toBe("notApproved");
  });
});

describe("maskPhone", () => {
  it("keeps the first three and last four digits", () => {
    expect(maskPhone("13800000010")).toBe("138****0010");
    expect(maskPhone("19912345678")).toBe("199****5678");
  });

  it("masks short values whole and shows a dash for none", () => {
    expect(maskPhone("123456")).toBe("******");
    expect(maskPhone(null)).toBe("—");
    expect(maskPhone("")).toBe("—");
  });
});
