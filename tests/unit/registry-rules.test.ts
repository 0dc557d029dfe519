import { describe, expect, it } from "vitest";
import { canEditCommunity, registryViewFor } from "@/lib/registry/access";
import {
  butlerLoadLevel,
  checkArea,
  householdCodeFromBytes,
  HOUSEHOLD_CODE_ALPHABET,
  isHouseholdCode,
  normalizeHouseholdCode,
  parseAreaToCenti,
  parseUnitAddress,
} from "@/lib/registry/rules";
import { householdSchema, unitSchema } from "@/lib/registry/schemas";

describe("areas", () => {
  it("parses m² into integer hundredths without floating point", () => {
    expect(parseAreaToCenti("89.35")).toBe(8935);
    expect(parseAreaToCenti("120")).toBe(12000);
    expect(parseAreaToCenti("0.1")).toBe(10);
    expect(parseAreaToCenti(" 1,234.5 ")).toBe(123450);
    expect(parseAreaToCenti("88.8㎡")).toBe(8880);
    expect(parseAreaToCenti("95 平方米")).toBe(9500);
  });

  it("refuses anything else", () => {
    for (const bad of ["", "abc", "1.234", "-5", "1e3", "12..5", ".5"]) expect(parseAreaToCenti(bad)).toBeNull();
  });

  it("rejects ≤ 0 and absurd areas", () => {
    expect(checkArea(0)).toBe("notPositive");
    expect(checkArea(1_000_000)).toBeNull();
    expect(checkArea(1_000_001)).toBe("tooLarge");
    expect(checkArea(null)).toBe("format");
  });

  it("reports them through the shared unit schema", () => {
    const base = { buildingId: 1, number: "2-1201", floor: "12", type: "residential" };
    expect(unitSchema.parse({ ...base, area: "89.35" }).area).toBe(8935);
    expect(unitSchema.safeParse({ ...base, area: "0" }).error?.issues[0].message).toBe("validation.area.notPositive");
    expect(unitSchema.safeParse({ ...base, area: "10000.01" }).error?.issues[0].message).toBe(
      "validation.area.tooLarge",
    );
    expect(unitSchema.safeParse({ ...base, area: "x" }).error?.issues[0].message).toBe("validation.area.format");
    expect(unitSchema.safeParse({ ...base, area: "90", floor: "1.5" }).error?.issues[0].message).toBe(
      "validation.floor",
    );
    expect(unitSchema.parse({ ...base, area: "90", number: "2-b01" }).number).toBe("2-B01");
  });
});

describe("unit addresses", () => {
  it("splits building code and unit number", () => {
    expect(parseUnitAddress("3-2-1201")).toEqual({ building: "3", unit: "2-1201" });
    expect(parseUnitAddress("3栋2单元1201")).toEqual({ building: "3", unit: "2-1201" });
    expect(parseUnitAddress("3号楼2-1201室")).toEqual({ building: "3", unit: "2-1201" });
    expect(parseUnitAddress("a-b1-001")).toEqual({ building: "A", unit: "B1-001" });
  });

  it("returns null for other text", () => {
    expect(parseUnitAddress("张三")).toBeNull();
    expect(parseUnitAddress("1201")).toBeNull();
  });
});

describe("household codes", () => {
  it("are 8 symbols of the unambiguous alphabet", () => {
    let i = 0;
    const code = householdCodeFromBytes((n) => Uint8Array.from({ length: n }, () => i++));
    expect(code).toHaveLength(8);
    expect(isHouseholdCode(code)).toBe(true);
    expect(HOUSEHOLD_CODE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it("skip bytes that would bias the distribution", () => {
    const bytes = [255, 254, 253, 252, 251, 250, 249, 248, 0, 1, 2, 3, 4, 5, 6, 7];
    let k = 0;
    const code = householdCodeFromBytes((n) => Uint8Array.from({ length: n }, () => bytes[k++ % bytes.length]));
    expect(code).toBe(HOUSEHOLD_CODE_ALPHABET.slice(0, 8));
  });

  it("normalise what people type", () => {
    expect(normalizeHouseholdCode(" abcd-efgh ")).toBe("ABCDEFGH");
    expect(isHouseholdCode("ABCD0FGH")).toBe(false);
  });
});

describe("who sees which households", () => {
  const facts = { userId: 9, teamButlerIds: [3, 4], managedCommunityIds: [7] };

  it("company-wide roles see everything", () => {
    for (const role of ["admin", "front_desk", "finance", "legal"] as const)
      expect(registryViewFor([role], facts)).toEqual({ kind: "all" });
  });

  it("butlers see their own, supervisors their team's and their own, managers their communities", () => {
    expect(registryViewFor(["butler"], facts)).toEqual({ kind: "some", butlerIds: [9], communityIds: [] });
    expect(registryViewFor(["supervisor"], facts)).toEqual({ kind: "some", butlerIds: [3, 4, 9], communityIds: [] });
    expect(registryViewFor(["project_manager"], facts)).toEqual({ kind: "some", butlerIds: [], communityIds: [7] });
    expect(registryViewFor(["butler", "project_manager"], facts)).toEqual({
      kind: "some",
      butlerIds: [9],
      communityIds: [7],
    });
  });

  it("technicians, HR and residents see none", () => {
    for (const role of ["technician", "hr", "resident"] as const)
      expect(registryViewFor([role], facts)).toEqual({ kind: "some", butlerIds: [], communityIds: [] });
  });

  it("a project manager edits only their own communities", () => {
    expect(canEditCommunity(["project_manager"], 7, [7])).toBe(true);
    expect(canEditCommunity(["project_manager"], 8, [7])).toBe(false);
    expect(canEditCommunity(["front_desk"], 8, [])).toBe(true);
    expect(canEditCommunity(["butler"], 7, [7])).toBe(false);
  });
});

describe("household form", () => {
  it("needs a unit and a contact with a valid phone", () => {
    const issues = householdSchema.safeParse({
      name: "王",
      kind: "owner",
      unitIds: [],
      contacts: [{ name: "王", phone: "123", email: "" }],
    }).error?.issues;
    expect(issues?.map((i) => [i.path.join("."), i.message])).toEqual([
      ["unitIds", "validation.unitsRequired"],
      ["contacts.0.phone", "validation.phone"],
    ]);
  });

  it("rates a butler's load against the ~500 norm", () => {
    expect(butlerLoadLevel(250)).toBe("low");
    expect(butlerLoadLevel(500)).toBe("normal");
    expect(butlerLoadLevel(560)).toBe("high");
  });
});
