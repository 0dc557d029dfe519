import { createHash, createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A local fake of the Aliyun SMS (dysmsapi, signature V3 "ACS3-HMAC-SHA256") and Tencent Cloud SMS
 * (API 3.0, "TC3-HMAC-SHA256") endpoints. It recomputes each request's signature from the raw
 * request with its own code (not the SDKs'), refuses a wrong one the way the provider does, and
 * answers SendSms in the documented format. Both share one port: the action header tells them apart.
 */

export interface FakeSms {
  provider: "aliyun" | "tencent";
  to: string;
  signName: string;
  templateCode: string;
  params: Record<string, string> | string[];
  ref: string;
}

const sha256 = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");
const hmac = (key: string | Buffer, s: string) => createHmac("sha256", key).update(s).digest();

/** RFC 3986 encoding as both providers canonicalise it. */
const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Aliyun V3: the signature of a request, from its method, path, query, headers and body. */
export function acs3Signature(
  req: { method: string; path: string; query: URLSearchParams; headers: Record<string, string>; body: string },
  signedHeaders: string[],
  secret: string,
): string {
  const query = [...req.query.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join("&");
  const headers = signedHeaders.map((h) => `${h}:${(req.headers[h] ?? "").trim()}\n`).join("");
  const canonical = [req.method, req.path, query, headers, signedHeaders.join(";"), sha256(req.body)].join("\n");
  return hmac(secret, `ACS3-HMAC-SHA256\n${sha256(canonical)}`).toString("hex");
}

/** Tencent TC3: the signature of a POST with a JSON body (content-type and host signed). */
export function tc3Signature(
  p: { contentType: string; host: string; body: string; timestamp: number; service: string },
  secretKey: string,
): string {
  const date = new Date(p.timestamp * 1000).toISOString().slice(0, 10);
  const canonical = `POST\n/\n\ncontent-type:${p.contentType}\nhost:${p.host}\n\ncontent-type;host\n${sha256(p.body)}`;
  const scope = `${date}/${p.service}/tc3_request`;
  const toSign = `TC3-HMAC-SHA256\n${p.timestamp}\n${scope}\n${sha256(canonical)}`;
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date), p.service), "tc3_request");
  return hmac(key, toSign).toString("hex");
}

type Reply = { status: number; body: unknown };

function aliyun(
  req: http.IncomingMessage,
  url: URL,
  body: string,
  secrets: Map<string, string>,
  sent: FakeSms[],
): Reply {
  const requestId = randomUUID();
  const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(
    String(req.headers.authorization ?? ""),
  );
  const secret = auth && secrets.get(auth[1]);
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
  const good =
    auth &&
    secret &&
    headers["x-acs-content-sha256"] === sha256(body) &&
    acs3Signature(
      { method: req.method!, path: url.pathname, query: url.searchParams, headers, body },
      auth[2].split(";"),
      secret,
    ) === auth[3];
  if (!good)
    return {
      status: 400,
      body: {
        Code: "SignatureDoesNotMatch",
        Message: "Specified signature is not matched with our calculation.",
        RequestId: requestId,
      },
    };
  const form = new URLSearchParams(body);
  const q = (k: string) => url.searchParams.get(k) ?? form.get(k) ?? "";
  const ref = `${Date.now()}^${sent.length}`;
  sent.push({
    provider: "aliyun",
    to: q("PhoneNumbers"),
    signName: q("SignName"),
    templateCode: q("TemplateCode"),
    params: JSON.parse(q("TemplateParam") || "{}"),
    ref,
  });
  return { status: 200, body: { Code: "OK", Message: "OK", BizId: ref, RequestId: requestId } };
}

function tencent(req: http.IncomingMessage, body: string, secrets: Map<string, string>, sent: FakeSms[]): Reply {
  const requestId = randomUUID();
  const auth =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]+)$/.exec(
      String(req.headers.authorization ?? ""),
    );
  const secret = auth && secrets.get(auth[1]);
  const timestamp = Number(req.headers["x-tc-timestamp"]);
  const host = String(req.headers.host ?? "").replace(/:\d+$/, "");
  const good =
    auth &&
    secret &&
    tc3Signature(
      { contentType: String(req.headers["content-type"]), host, body, timestamp, service: auth[3] },
      secret,
    ) === auth[4];
  if (!good)
    return {
      status: 200,
      body: {
        Response: {
          Error: { Code: "AuthFailure.SignatureFailure", Message: "The provided credentials could not be validated." },
          RequestId: requestId,
        },
      },
    };
  const b = JSON.parse(body) as {
    PhoneNumberSet: string[];
    SignName: string;
    TemplateId: string;
    TemplateParamSet?: string[];
  };
  const SendStatusSet = b.PhoneNumberSet.map((phone, i) => {
    const ref = `${Date.now()}:${sent.length}:${i}`;
    sent.push({
      provider: "tencent",
      to: phone,
      signName: b.SignName,
      templateCode: b.TemplateId,
      params: b.TemplateParamSet ?? [],
      ref,
    });
    return {
      SerialNo: ref,
      PhoneNumber: phone,
      Fee: 1,
      SessionContext: "",
      Code: "Ok",
      Message: "send success",
      IsoCode: "CN",
    };
  });
  return { status: 200, body: { Response: { SendStatusSet, RequestId: requestId } } };
}

/**
 * Starts the fake on 127.0.0.1 (a random port, or `port`: the e2e server sends its SMS to
 * E2E_SMS_PORT, playwright.config.ts). `secrets`: key id → secret it accepts.
 */
export async function startSmsFake(secrets: Record<string, string>, port = 0) {
  const keys = new Map(Object.entries(secrets));
  const sent: FakeSms[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://fake");
      const reply = req.headers["x-tc-action"] ? tencent(req, body, keys, sent) : aliyun(req, url, body, keys, sent);
      res.writeHead(reply.status, { "content-type": "application/json" });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, sent, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
