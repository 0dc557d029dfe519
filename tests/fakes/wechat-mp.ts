import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A local fake of the WeChat official-account platform (公众号), for integration and e2e tests:
 *   GET  /connect/oauth2/authorize?appid&redirect_uri&response_type=code&scope&state  — the OAuth page:
 *        auto-approves as the configured openid and redirects to redirect_uri?code=…&state=…
 *   GET  /sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code     → { access_token, openid, … }
 *   GET  /cgi-bin/token?grant_type=client_credential&appid&secret                     → { access_token, expires_in }
 *   POST /cgi-bin/message/template/send?access_token=…                                 → { errcode: 0, errmsg, msgid }
 * It checks appid/secret (40013 invalid appid, 40125 invalid appsecret), codes (40029, one use),
 * tokens (40001 unknown, 42001 expired via `expireTokens()`), and records the template messages sent.
 */

export interface SentTemplate {
  touser: string;
  template_id: string;
  data: Record<string, { value: string }>;
  msgid: number;
}

export class WechatMpFake {
  private server?: Server;
  baseUrl = "";
  /** The openid the authorize page approves as (set per test). */
  openid = "";
  readonly sent: SentTemplate[] = [];
  /** Every access_token issued by /cgi-bin/token. */
  readonly tokensIssued: string[] = [];
  private codes = new Map<string, string>();
  private tokens = new Map<string, "live" | "expired">();
  private msgid = 1000;

  constructor(
    readonly appId: string,
    readonly appSecret: string,
  ) {}

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Every token issued so far now answers 42001 (access_token expired). */
  expireTokens() {
    for (const t of this.tokens.keys()) this.tokens.set(t, "expired");
  }

  private json(res: ServerResponse, body: unknown) {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  }

  private credentialsError(q: URLSearchParams) {
    if (q.get("appid") !== this.appId) return { errcode: 40013, errmsg: "invalid appid" };
    if (q.get("secret") !== this.appSecret) return { errcode: 40125, errmsg: "invalid appsecret" };
    return null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const q = url.searchParams;
    if (url.pathname === "/connect/oauth2/authorize") return this.authorize(q, res);
    if (url.pathname === "/sns/oauth2/access_token") return this.json(res, this.exchange(q));
    if (url.pathname === "/cgi-bin/token") return this.json(res, this.token(q));
    if (url.pathname === "/cgi-bin/message/template/send" && req.method === "POST") {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      return this.json(res, this.send(q.get("access_token") ?? "", raw));
    }
    res.writeHead(404).end();
  }

  private authorize(q: URLSearchParams, res: ServerResponse) {
    const redirect = q.get("redirect_uri");
    if (q.get("appid") !== this.appId || !redirect || q.get("response_type") !== "code" || !this.openid) {
      res.writeHead(400, { "content-type": "text/plain" }).end("invalid request");
      return;
    }
    const code = randomBytes(12).toString("hex");
    this.codes.set(code, this.openid);
    const back = new URL(redirect);
    back.searchParams.set("code", code);
    back.searchParams.set("state", q.get("state") ?? "");
    res.writeHead(302, { Location: back.toString() }).end();
  }

  private exchange(q: URLSearchParams) {
    const bad = this.credentialsError(q);
    if (bad) return bad;
    const openid = this.codes.get(q.get("code") ?? "");
    if (q.get("grant_type") !== "authorization_code" || !openid) return { errcode: 40029, errmsg: "invalid code" };
    this.codes.delete(q.get("code")!);
    return { access_token: "oauth-token", expires_in: 7200, refresh_token: "r", openid, scope: "snsapi_base" };
  }

  private token(q: URLSearchParams) {
    if (q.get("grant_type") !== "client_credential") return { errcode: 40002, errmsg: "invalid grant_type" };
    const bad = this.credentialsError(q);
    if (bad) return bad;
    const token = `tok-${randomBytes(8).toString("hex")}`;
    this.tokens.set(token, "live");
    this.tokensIssued.push(token);
    return { access_token: token, expires_in: 7200 };
  }

  private send(token: string, raw: string) {
    const state = this.tokens.get(token);
    if (!state) return { errcode: 40001, errmsg: "invalid credential, access_token is invalid or not latest" };
    if (state === "expired") return { errcode: 42001, errmsg: "access_token expired" };
    const body = JSON.parse(raw) as Omit<SentTemplate, "msgid">;
    if (!body.touser || !body.template_id) return { errcode: 47001, errmsg: "data format error" };
    const msgid = ++this.msgid;
    this.sent.push({ touser: body.touser, template_id: body.template_id, data: body.data, msgid });
    return { errcode: 0, errmsg: "ok", msgid };
  }
}
