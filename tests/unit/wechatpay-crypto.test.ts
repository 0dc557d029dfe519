import { createCipheriv, createSign, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  authorization,
  decryptResource,
  jsapiPayParams,
  parseAuthorization,
  requestMessage,
  rsaVerify,
  verifyPlatformSignature,
} from "@/lib/billing/providers/wechatpay/crypto";
import { outTradeNo, sessionIdOf } from "@/lib/billing/providers/trade-no";

const keys = () => {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
};
const merchant = keys();
const platform = keys();

describe("WeChat Pay v3 request signing", () => {
  it("builds the signing message exactly as the v3 documentation's example (签名生成)", () => {
    // The documentation's example: GET /v3/certificates with no body.
    expect(requestMessage("GET", "/v3/certificates", "1554208460", "593BEC0C930BF1AFEB40B4A08C8FB242", "")).toBe(
      "GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n",
    );
  });

  it("writes the Authorization header with every field, and its signature verifies with the merchant public key", () => {
    const body = JSON.stringify({ out_trade_no: "abc123" });
    const header = authorization(
      { mchId: "1900009191", serialNo: "1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C", privateKey: merchant.privateKey },
      { method: "POST", pathWithQuery: "/v3/pay/transactions/native", body },
      "1554208460",
      "593BEC0C930BF1AFEB40B4A08C8FB242",
    );
    expect(header).toMatch(
      /^WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="[A-Za-z0-9+/=]+",timestamp="1554208460",serial_no="1DDE55AD98ED71D6EDD4A4A16996DE7B47773A8C"$/,
    );
    const f = parseAuthorization(header)!;
    const msg = requestMessage("POST", "/v3/pay/transactions/native", f.timestamp, f.nonce_str, body);
    expect(rsaVerify(merchant.publicKey, msg, f.signature)).toBe(true);
    expect(rsaVerify(merchant.publicKey, msg.replace("abc123", "abc124"), f.signature)).toBe(false);
    expect(rsaVerify(platform.publicKey, msg, f.signature)).toBe(false);
    expect(parseAuthorization("Bearer x")).toBeNull();
  });

  it("signs the JSAPI pay parameters over appId, timeStamp, nonceStr and package", () => {
    const p = jsapiPayParams(
      merchant.privateKey,
      "wx8888888888888888",
      "wx201410272009395522657a690389285100",
      "1414561699",
      "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
    );
    expect(p).toMatchObject({ package: "prepay_id=wx201410272009395522657a690389285100", signType: "RSA" });
    const msg =
      "wx8888888888888888\n1414561699\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\nprepay_id=wx201410272009395522657a690389285100\n";
    expect(rsaVerify(merchant.publicKey, msg, p.paySign)).toBe(true);
  });
});

describe("WeChat Pay v3 notification verification and decryption", () => {
  const sign = (body: string, ts: number, nonce = "n0nce") => ({
    timestamp: String(ts),
    nonce,
    serial: "PUB_KEY_ID_01",
    signature: createSign("RSA-SHA256").update(`${ts}\n${nonce}\n${body}\n`).sign(platform.privateKey, "base64"),
  });
  const p = { publicKey: platform.publicKey, serial: "PUB_KEY_ID_01" };
  const now = 1_800_000_000_000;

  it("accepts the platform's signature over timestamp, nonce and body; refuses tampering, another key, serial or a stale time", () => {
    const body = '{"id":"EV-2018022511223320873"}';
    const h = sign(body, now / 1000);
    expect(verifyPlatformSignature(p, h, body, now)).toBe(true);
    expect(verifyPlatformSignature(p, h, body.replace("EV", "EW"), now)).toBe(false);
    expect(verifyPlatformSignature({ ...p, publicKey: merchant.publicKey }, h, body, now)).toBe(false);
    expect(verifyPlatformSignature(p, { ...h, serial: "PUB_KEY_ID_02" }, body, now)).toBe(false);
    expect(verifyPlatformSignature(p, h, body, now + 301_000)).toBe(false);
    expect(verifyPlatformSignature(p, { ...h, signature: null }, body, now)).toBe(false);
  });

  it("decrypts an AEAD_AES_256_GCM resource with the APIv3 key and associated data; a wrong key or tag fails", () => {
    const apiV3Key = "abcdefghijklmnopqrstuvwxyz012345";
    const nonce = "fdasflkja484";
    const cipher = createCipheriv("aes-256-gcm", Buffer.from(apiV3Key), Buffer.from(nonce));
    cipher.setAAD(Buffer.from("transaction"));
    const plain = '{"out_trade_no":"1217752501201407033233368018","trade_state":"SUCCESS"}';
    const ct = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]).toString("base64");
    const resource = { algorithm: "AEAD_AES_256_GCM", ciphertext: ct, associated_data: "transaction", nonce };
    expect(decryptResource(apiV3Key, resource)).toBe(plain);
    expect(() => decryptResource("bbcdefghijklmnopqrstuvwxyz012345", resource)).toThrow();
    expect(() => decryptResource(apiV3Key, { ...resource, associated_data: "refund" })).toThrow();
    expect(() => decryptResource(apiV3Key, { ...resource, algorithm: "AES" })).toThrow(/unsupported/);
  });
});

describe("order numbers and secrets at rest", () => {
  it("maps a checkout session id to a 32-character out_trade_no and back", () => {
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(outTradeNo(id)).toBe("0f8fad5bd9cb469fa16570867728950e");
    expect(sessionIdOf(outTradeNo(id))).toBe(id);
    expect(sessionIdOf("not-ours")).toBeNull();
  });
});
