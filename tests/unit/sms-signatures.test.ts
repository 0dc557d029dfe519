import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { acs3Signature, tc3Signature } from "../support/sms-fake";

describe("the SMS fake's signature checks", () => {
  it("Aliyun V3 (ACS3-HMAC-SHA256): the published example (help.aliyun.com, V3 请求体&签名机制, RunInstances)", () => {
    const headers = {
      host: "ecs.cn-shanghai.aliyuncs.com",
      "x-acs-action": "RunInstances",
      "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "x-acs-date": "2023-10-26T09:01:01Z",
      "x-acs-signature-nonce": "d410180a5abf7fe235dd9b74aca91fc0",
      "x-acs-version": "2014-05-26",
    };
    const query = new URLSearchParams({
      ImageId: "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
      RegionId: "cn-shanghai",
    });
    const signature = acs3Signature(
      { method: "POST", path: "/", query, headers, body: "" },
      Object.keys(headers),
      "YourAccessKeySecret",
    );
    expect(signature).toBe("e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804");
  });

  it("Tencent TC3-HMAC-SHA256: follows the documented derivation (date → service → tc3_request)", () => {
    // Tencent's published example masks its key, so the expected value is derived step by step here.
    const p = {
      contentType: "application/json; charset=utf-8",
      host: "sms.tencentcloudapi.com",
      body: "{}",
      timestamp: 1551113065,
      service: "sms",
    };
    const hex = (s: string) => createHash("sha256").update(s).digest("hex");
    const h = (k: string | Buffer, s: string) => createHmac("sha256", k).update(s).digest();
    const canonical = `POST\n/\n\ncontent-type:${p.contentType}\nhost:${p.host}\n\ncontent-type;host\n${hex("{}")}`;
    const toSign = `TC3-HMAC-SHA256\n1551113065\n2019-02-25/sms/tc3_request\n${hex(canonical)}`;
    const key = h(h(h("TC3secret", "2019-02-25"), "sms"), "tc3_request");
    expect(tc3Signature(p, "secret")).toBe(h(key, toSign).toString("hex"));
    expect(tc3Signature(p, "other")).not.toBe(tc3Signature(p, "secret"));
  });
});
