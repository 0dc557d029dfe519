import { describe, expect, it } from "vitest";
import {
  checkInOpen,
  discountFen,
  newSignupStatus,
  promotions,
  shopTotals,
  signupRefusal,
  vipUnitPriceFen,
} from "@/lib/portal/rules";

describe("shop pricing", () => {
  it("takes the VIP percent off, rounded half up to the fen", () => {
    expect(discountFen(1000, 10)).toBe(100);
    expect(discountFen(995, 10)).toBe(100); // 99.5 → 100
    expect(discountFen(994, 10)).toBe(99); // 99.4 → 99
    expect(discountFen(1, 10)).toBe(0);
    expect(discountFen(5, 10)).toBe(1); // 0.5 → 1
    expect(discountFen(0, 10)).toBe(0);
    expect(discountFen(1234, 0)).toBe(0);
    expect(discountFen(1234, 100)).toBe(1234);
    expect(discountFen(1234, 150)).toBe(1234);
    expect(() => discountFen(-1, 10)).toThrow();
    expect(() => discountFen(1.5, 10)).toThrow();
  });

  it("totals lines and discounts the whole order once", () => {
    const t = shopTotals(
      [
        { productId: 1, unitPriceFen: 1999, quantity: 3 },
        { productId: 2, unitPriceFen: 4500, quantity: 1 },
      ],
      10,
    );
    expect(t.lines.map((l) => l.lineFen)).toEqual([5997, 4500]);
    expect(t.subtotalFen).toBe(10497);
    expect(t.discountPercent).toBe(10);
    expect(t.discountFen).toBe(1050); // 1049.7 → 1050
    expect(t.totalFen).toBe(9447);
  });

  it("without a gold card there is no discount", () => {
    const t = shopTotals([{ productId: 1, unitPriceFen: 1999, quantity: 2 }], null);
    expect(t).toMatchObject({ subtotalFen: 3998, discountPercent: 0, discountFen: 0, totalFen: 3998 });
  });

  it("shows the VIP unit price", () => {
    expect(vipUnitPriceFen(1999, 10)).toBe(1799);
    expect(vipUnitPriceFen(1999, null)).toBe(1999);
  });
});

describe("activity sign-ups", () => {
  const at = (iso: string) => new Date(iso);
  const activity = {
    signupDeadline: at("2026-12-01T10:00:00Z"),
    startsAt: at("2026-12-02T10:00:00Z"),
    endsAt: at("2026-12-02T12:00:00Z"),
  };

  it("refuses after the deadline and after the start", () => {
    expect(signupRefusal(activity, at("2026-12-01T09:59:59Z"))).toBeNull();
    expect(signupRefusal(activity, at("2026-12-01T10:00:00Z"))).toBeNull();
    expect(signupRefusal(activity, at("2026-12-01T10:00:01Z"))).toBe("deadline_passed");
    expect(signupRefusal(activity, at("2026-12-02T10:00:00Z"))).toBe("activity_started");
  });

  it("gives a seat while there is one, else the waiting list", () => {
    expect(newSignupStatus(0, 2)).toBe("confirmed");
    expect(newSignupStatus(1, 2)).toBe("confirmed");
    expect(newSignupStatus(2, 2)).toBe("waiting");
    expect(newSignupStatus(3, 2)).toBe("waiting");
  });

  it("promotes the earliest waiting people, as many as seats are free", () => {
    const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    const rows = [
      { id: 1, status: "confirmed" as const, queuedAt: t(0) },
      { id: 2, status: "cancelled" as const, queuedAt: t(1) },
      { id: 5, status: "waiting" as const, queuedAt: t(3) },
      { id: 4, status: "waiting" as const, queuedAt: t(2) },
      { id: 3, status: "waiting" as const, queuedAt: t(2) },
    ];
    expect(promotions(rows, 2)).toEqual([3]);
    expect(promotions(rows, 3)).toEqual([3, 4]);
    expect(promotions(rows, 10)).toEqual([3, 4, 5]);
    expect(promotions(rows, 1)).toEqual([]);
    expect(
      promotions(
        rows.filter((r) => r.status !== "waiting"),
        5,
      ),
    ).toEqual([]);
  });

  it("opens check-in two hours before the start until the end", () => {
    expect(checkInOpen(activity, at("2026-12-02T07:59:00Z"))).toBe(false);
    expect(checkInOpen(activity, at("2026-12-02T08:00:00Z"))).toBe(true);
    expect(checkInOpen(activity, at("2026-12-02T12:00:00Z"))).toBe(true);
    expect(checkInOpen(activity, at("2026-12-02T12:00:01Z"))).toBe(false);
  });
});

describe("portal schemas", () => {
  it("activity input: translated errors for bad capacity, end before start, deadline after start", async () => {
    const { activitySchema } = await import("@/lib/portal/schemas");
    const base = {
      communityId: "1",
      title: "t",
      description: "d",
      place: "p",
      startsAt: "2026-12-01T10:00",
      endsAt: "2026-12-01T12:00",
      signupDeadline: "2026-11-30T20:00",
      capacity: "10",
    };
    expect(activitySchema.safeParse(base).success).toBe(true);
    const messages = (input: object) =>
      activitySchema.safeParse({ ...base, ...input }).error?.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(messages({ capacity: "0" })).toEqual(["capacity:portal.errors.capacity"]);
    expect(messages({ endsAt: "2026-12-01T09:00" })).toEqual(["endsAt:portal.errors.endsBeforeStart"]);
    expect(messages({ signupDeadline: "2026-12-01T11:00" })).toEqual([
      "signupDeadline:portal.errors.deadlineAfterStart",
    ]);
    expect(messages({ startsAt: "tomorrow" })?.[0]).toBe("startsAt:portal.errors.dateTime");
  });

  it("product prices are yuan with at most 2 decimals, stored as fen", async () => {
    const { productSchema } = await import("@/lib/portal/schemas");
    const ok = productSchema.parse({ kind: "product", name: "水", price: "19.9", stock: "3", active: "on" });
    expect(ok).toMatchObject({ price: 1990, stock: 3, active: true });
    expect(productSchema.parse({ kind: "service", name: "保洁", price: "150", stock: "0" })).toMatchObject({
      price: 15000,
      active: false,
    });
    expect(
      productSchema.safeParse({ kind: "product", name: "x", price: "1.999", stock: "1" }).error?.issues[0].message,
    ).toBe("portal.errors.price");
    expect(
      productSchema.safeParse({ kind: "product", name: "x", price: "-1", stock: "1" }).error?.issues[0].message,
    ).toBe("portal.errors.price");
    expect(
      productSchema.safeParse({ kind: "product", name: "x", price: "1", stock: "-1" }).error?.issues[0].message,
    ).toBe("portal.errors.stock");
  });

  it("an order request may not carry prices or discounts", async () => {
    const { placeOrderSchema } = await import("@/lib/portal/schemas");
    expect(placeOrderSchema.safeParse({ householdId: 1, lines: [{ productId: 1, quantity: 2 }] }).success).toBe(true);
    expect(
      placeOrderSchema.safeParse({ householdId: 1, lines: [{ productId: 1, quantity: 2, priceFen: 1 }] }).error
        ?.issues[0].message,
    ).toBe("portal.errors.tampered");
    expect(
      placeOrderSchema
        .safeParse({ householdId: 1, lines: [], totalFen: 1 })
        .error?.issues.map((i) => i.message)
        .sort(),
    ).toEqual(["portal.errors.emptyCart", "portal.errors.tampered"]);
    expect(
      placeOrderSchema.safeParse({ householdId: 1, lines: [{ productId: 1, quantity: 100 }] }).error?.issues[0].message,
    ).toBe("portal.errors.quantity");
  });
});
