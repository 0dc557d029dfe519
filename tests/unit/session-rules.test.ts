import { describe, expect, it } from "vitest";
import { isSessionCurrent } from "@/lib/auth/session-rules";

const user = { id: 7, sessionVersion: 3, active: true };

describe("session revocation", () => {
  it("accepts a token carrying the user's current version", () => {
    expect(isSessionCurrent({ userId: 7, sessionVersion: 3 }, user)).toBe(true);
  });

  it("refuses tokens issued before a sign-out-everywhere, password change or role change", () => {
    expect(isSessionCurrent({ userId: 7, sessionVersion: 2 }, user)).toBe(false);
  });

  it("refuses a token from the future (a version the database never issued)", () => {
    expect(isSessionCurrent({ userId: 7, sessionVersion: 4 }, user)).toBe(false);
  });

  it("refuses disabled users, missing users, other users and malformed claims", () => {
    expect(isSessionCurrent({ userId: 7, sessionVersion: 3 }, { ...user, active: false })).toBe(false);
    expect(isSessionCurrent({ userId: 7, sessionVersion: 3 }, null)).toBe(false);
    expect(isSessionCurrent({ userId: 8, sessionVersion: 3 }, user)).toBe(false);
    expect(isSessionCurrent(null, user)).toBe(false);
    expect(isSessionCurrent({ userId: Number.NaN, sessionVersion: 3 }, user)).toBe(false);
  });
});
