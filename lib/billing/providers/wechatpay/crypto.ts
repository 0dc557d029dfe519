import { createDecipheriv, createSign, createVerify, randomBytes } from "node:crypto";

/*
 * WeChat Pay API v3 signatures and resource decryption, following the official v3 documentation
 * (pay.weixin.qq.com/doc/v3/merchant: 签名生成, 签名验证, 证书和回调报文解密). Node's crypto does it
 * all; there is no official Node SDK and the community ones wrap these same few calls.
 */

export const WECHATPAY_AUTH_SCHEMA = "WECHATPAY2-SHA256-RSA2048";
/** Notifications and responses older or newer than this are refused (replay protection). */
export const MAX_CLOCK_SKEW_S = 300;

/** The request's signing message: method, path with query, timestamp, nonce, body — each line ended by \n. */
export function requestMessage(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string) {
  return `${method.toUpperCase()}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** SHA256withRSA, base64. */
export function rsaSign(privateKeyPem: string, message: string): string {
  return createSign("RSA-SHA256").update(message, "utf8").sign(privateKeyPem, "base64");
}

export function rsaVerify(publicKeyPem: string, message: string, signatureB64: string): boolean {
  try {
    return createVerify("RSA-SHA256").update(message, "utf8").verify(publicKeyPem, signatureB64, "base64");
  } catch {
    return false;
  }
}

export function newNonce(): string {
  return randomBytes(16).toString("hex").toUpperCase();
}

export interface RequestSigner {
  mchId: string;
  serialNo: string;
  privateKey: string;
}

/** The Authorization header for one request. */
export function authorization(
  signer: RequestSigner,
  req: { method: string; pathWithQuery: string; body: string },
  timestamp = String(Math.floor(Date.now() / 1000)),
  nonce = newNonce(),
): string {
  const signature = rsaSign(
    signer.privateKey,
    requestMessage(req.method, req.pathWithQuery, timestamp, nonce, req.body),
  );
  return (
    `${WECHATPAY_AUTH_SCHEMA} mchid="${signer.mchId}",nonce_str="${nonce}",` +
    `signature="${signature}",timestamp="${timestamp}",serial_no="${signer.serialNo}"`
  );
}

/** The fields of an Authorization header (the fake gateway checks them), or null when malformed. */
export function parseAuthorization(header: string | null): Record<string, string> | null {
  if (!header?.startsWith(`${WECHATPAY_AUTH_SCHEMA} `)) return null;
  const fields: Record<string, string> = {};
  for (const m of header.slice(WECHATPAY_AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[m[1]] = m[2];
  const required = ["mchid", "nonce_str", "signature", "timestamp", "serial_no"];
  return required.every((k) => fields[k]) ? fields : null;
}

/** The Wechatpay-* headers of a response or notification. */
export interface WechatpaySignatureHeaders {
  signature: string | null;
  timestamp: string | null;
  nonce: string | null;
  serial: string | null;
}

export function readSignatureHeaders(headers: { get(name: string): string | null }): WechatpaySignatureHeaders {
  return {
    signature: headers.get("wechatpay-signature"),
    timestamp: headers.get("wechatpay-timestamp"),
    nonce: headers.get("wechatpay-nonce"),
    serial: headers.get("wechatpay-serial"),
  };
}

/**
 * A response or notification is the platform's when its serial is the platform key's, the
 * timestamp is within MAX_CLOCK_SKEW_S of now, and the signature over "timestamp\nnonce\nbody\n" verifies.
 */
export function verifyPlatformSignature(
  platform: { publicKey: string; serial: string },
  h: WechatpaySignatureHeaders,
  body: string,
  nowMs = Date.now(),
): boolean {
  if (!h.signature || !h.timestamp || !h.nonce || !h.serial) return false;
  if (h.serial !== platform.serial) return false;
  const ts = Number(h.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowMs / 1000 - ts) > MAX_CLOCK_SKEW_S) return false;
  return rsaVerify(platform.publicKey, `${h.timestamp}\n${h.nonce}\n${body}\n`, h.signature);
}

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
}

/** AEAD_AES_256_GCM with the APIv3 key: the ciphertext is base64 of (encrypted bytes ‖ 16-byte tag). */
export function decryptResource(apiV3Key: string, resource: EncryptedResource): string {
  if (resource.algorithm !== "AEAD_AES_256_GCM") throw new Error("unsupported algorithm");
  const key = Buffer.from(apiV3Key, "utf8");
  if (key.length !== 32) throw new Error("the APIv3 key must be 32 bytes");
  const data = Buffer.from(resource.ciphertext, "base64");
  if (data.length < 17) throw new Error("ciphertext too short");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(resource.nonce, "utf8"));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data ?? "", "utf8"));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
}

/** The JSAPI page's wx.chooseWXPay / WeixinJSBridge parameters for a prepay id (paySign over appId, timeStamp, nonceStr, package). */
export function jsapiPayParams(
  privateKey: string,
  appId: string,
  prepayId: string,
  timeStamp?: string,
  nonce?: string,
) {
  const ts = timeStamp ?? String(Math.floor(Date.now() / 1000));
  const nonceStr = nonce ?? newNonce();
  const pkg = `prepay_id=${prepayId}`;
  const paySign = rsaSign(privateKey, `${appId}\n${ts}\n${nonceStr}\n${pkg}\n`);
  return { appId, timeStamp: ts, nonceStr, package: pkg, signType: "RSA" as const, paySign };
}
