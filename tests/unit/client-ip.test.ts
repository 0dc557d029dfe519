import { describe, expect, it } from "vitest";
import { clientIpFrom } from "@/lib/auth/client-ip";

const from = (headers: Record<string, string>) => clientIpFrom((name) => headers[name]);

describe("clientIpFrom", () => {
  it("takes the first X-Forwarded-For entry, else X-Real-IP, else unknown", () => {
    expect(from({ "x-forwarded-for": " 1.2.3.4 , 10.0.0.1" })).toBe("1.2.3.4");
    expect(from({ "x-real-ip": "5.6.7.8" })).toBe("5.6.7.8");
    expect(from({ "x-forwarded-for": "", "x-real-ip": "5.6.7.8" })).toBe("5.6.7.8");
    expect(from({})).toBe("unknown");
  });
});
