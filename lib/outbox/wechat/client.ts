/*
 * The WeChat official-account HTTP API (公众号), the three calls Guanjia makes:
 *   GET  /cgi-bin/token?grant_type=client_credential&appid&secret   → { access_token, expires_in }
 *   POST /cgi-bin/message/template/send?access_token=…               → { errcode: 0, errmsg, msgid }
 *   GET  /sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code → { openid, … }
 * Errors come back as { errcode, errmsg } with HTTP 200; they throw WechatApiError.
 */

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`wechat: errcode ${errcode} ${errmsg}`.slice(0, 300));
    this.name = "WechatApiError";
  }
}

export interface WechatApp {
  appId: string;
  appSecret: string;
  apiBaseUrl: string;
}

const TIMEOUT_MS = 10_000;

async function call(url: URL, init?: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "error" });
  if (!res.ok) throw new Error(`wechat: HTTP ${res.status} from ${url.pathname}`);
  const body = (await res.json()) as Record<string, unknown>;
  const errcode = Number(body.errcode ?? 0);
  if (errcode !== 0) throw new WechatApiError(errcode, String(body.errmsg ?? ""));
  return body;
}

const endpoint = (base: string, path: string, query: Record<string, string>) => {
  const url = new URL(path, base.endsWith("/") ? base : `${base}/`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url;
};

/** A fresh access_token (the caller caches it until shortly before expires_in). */
export async function fetchAccessToken(app: WechatApp): Promise<{ token: string; expiresInS: number }> {
  const body = await call(
    endpoint(app.apiBaseUrl, "cgi-bin/token", {
      grant_type: "client_credential",
      appid: app.appId,
      secret: app.appSecret,
    }),
  );
  const token = String(body.access_token ?? "");
  if (!token) throw new Error("wechat: no access_token in the answer");
  return { token, expiresInS: Number(body.expires_in ?? 7200) };
}

/** Sends one template message; returns WeChat's msgid. */
export async function sendTemplateMessage(
  apiBaseUrl: string,
  accessToken: string,
  m: { openid: string; templateId: string; data: Record<string, { value: string }> },
): Promise<string> {
  const body = await call(endpoint(apiBaseUrl, "cgi-bin/message/template/send", { access_token: accessToken }), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ touser: m.openid, template_id: m.templateId, data: m.data }),
  });
  return String(body.msgid ?? "");
}

/** Exchanges an OAuth code (snsapi_base) for the visitor's openid. */
export async function exchangeOAuthCode(app: WechatApp, code: string): Promise<string> {
  const body = await call(
    endpoint(app.apiBaseUrl, "sns/oauth2/access_token", {
      appid: app.appId,
      secret: app.appSecret,
      code,
      grant_type: "authorization_code",
    }),
  );
  const openid = String(body.openid ?? "");
  if (!openid) throw new Error("wechat: no openid in the answer");
  return openid;
}

/** The authorize URL the browser is sent to (snsapi_base: silent, openid only). */
export function authorizeUrl(oauthBaseUrl: string, appId: string, redirectUri: string, state: string): string {
  const url = endpoint(oauthBaseUrl, "connect/oauth2/authorize", {
    appid: appId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "snsapi_base",
    state,
  });
  return `${url.toString()}#wechat_redirect`;
}
