import { describe, expect, it } from "vitest";
import { templateSmsOf, yuan } from "@/lib/outbox/sms/params";
import { splitEndpoint } from "@/lib/outbox/sms/providers";

describe("template SMS parameters", () => {
  it("maps outbox templates to settings kinds with ordered parameters; money as plain yuan", () => {
    expect(templateSmsOf("receipt", { receiptNo: "R-1", amountFen: 123456, company: "C" })).toEqual({
      kind: "receipt",
      params: [
        ["receiptNo", "R-1"],
        ["amount", "1234.56"],
      ],
    });
    expect(templateSmsOf("signInCode", { code: "012345", minutes: 5 })?.params).toEqual([
      ["code", "012345"],
      ["minutes", "5"],
    ]);
    expect(templateSmsOf("notice", { title: "停水通知", body: "…" })).toEqual({
      kind: "emergency",
      params: [["title", "停水通知"]],
    });
    expect(templateSmsOf("orderDispatched", { orderId: 1 })).toBeNull();
  });

  it("formats fen without float errors", () => {
    expect(yuan(5)).toBe("0.05");
    expect(yuan(100)).toBe("1.00");
    expect(yuan(-1999)).toBe("-19.99");
    expect(yuan(900_719_925_474_099)).toBe("9007199254740.99");
  });

  it("splits endpoints", () => {
    expect(splitEndpoint("http://127.0.0.1:4100")).toEqual({ protocol: "http", host: "127.0.0.1:4100" });
    expect(splitEndpoint("dysmsapi.aliyuncs.com")).toEqual({ protocol: "https", host: "dysmsapi.aliyuncs.com" });
  });
});
