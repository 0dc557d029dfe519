import { describe, expect, it } from "vitest";
import { demoHireDate } from "@/scripts/seed/hr";
import { nextEmployeeNo } from "@/lib/hr/rules";
import { staffRecordSchema } from "@/lib/hr/schemas";
import { isCalendarDate } from "@/lib/time/calendar";

describe("nextEmployeeNo", () => {
  it("starts at E0001", () => expect(nextEmployeeNo([])).toBe("E0001"));
  it("takes the highest number + 1, ignoring other prefixes and shapes", () => {
    expect(nextEmployeeNo(["E0001", "E0007", "E0003", "X9999", "E-12", "TEMP"])).toBe("E0008");
  });
  it("grows past four digits", () => expect(nextEmployeeNo(["E9999"])).toBe("E10000"));
});

describe("demoHireDate", () => {
  it("is deterministic and always a real date", () => {
    for (let i = 0; i < 200; i++) {
      expect(isCalendarDate(demoHireDate(i))).toBe(true);
      expect(demoHireDate(i)).toBe(demoHireDate(i));
    }
  });
});

describe("staffRecordSchema", () => {
  const valid = {
    userId: "3",
    employeeNo: " e0012 ",
    name: " 李娜 ",
    phone: "",
    email: "",
    communityId: "",
    position: "管家",
    hireDate: "2024-03-01",
    status: "active",
  };
  it("normalises a form submission", () => {
    expect(staffRecordSchema.parse(valid)).toEqual({
      userId: 3,
      employeeNo: "E0012",
      name: "李娜",
      phone: null,
      email: null,
      communityId: null,
      position: "管家",
      hireDate: "2024-03-01",
      status: "active",
    });
  });
  it("keeps a community id and a valid phone", () => {
    const out = staffRecordSchema.parse({ ...valid, communityId: "7", phone: "13800000002" });
    expect(out.communityId).toBe(7);
    expect(out.phone).toBe("13800000002");
  });
  it("gives message keys for bad fields", () => {
    const r = staffRecordSchema.safeParse({
      ...valid,
      employeeNo: "E 01",
      hireDate: "2026-02-30",
      phone: "123",
      email: "x",
      position: "",
      status: "fired",
    });
    expect(r.success).toBe(false);
    const byField = Object.fromEntries((r.success ? [] : r.error.issues).map((i) => [i.path.join("."), i.message]));
    expect(byField).toMatchObject({
      employeeNo: "hr.validation.employeeNo",
      hireDate: "hr.validation.date",
      phone: "validation.phone",
      email: "validation.email",
      position: "validation.required",
      status: "validation.required",
    });
  });
});
