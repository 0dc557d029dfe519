import { NextResponse, type NextRequest } from "next/server";
import { finishWechatCallback } from "@/lib/auth/wechat";
import { getDb } from "@/lib/db";
import { publicOrigin, setWechatCookie, STATE_COOKIE, TICKET_COOKIE } from "@/app/_lib/wechat-cookies";

/**
 * GET /wechat/oauth/callback?code=…&state=… — WeChat's redirect. The state must match this browser's
 * signed cookie (else nothing happens: /wechat/continue?failed=state); the code becomes the openid and
 * a one-time ticket in a cookie; a bound openid continues to sign-in, an unknown one to binding.
 */
export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams;
  const result = await finishWechatCallback(getDb(), {
    stateCookie: request.cookies.get(STATE_COOKIE)?.value,
    state: q.get("state"),
    code: q.get("code"),
  });
  const origin = publicOrigin(request);
  const target = !result.ok
    ? `/wechat/continue?failed=${result.reason}`
    : result.bound
      ? "/wechat/continue"
      : "/wechat/bind";
  const response = NextResponse.redirect(`${origin}${target}`, 303);
  response.cookies.set(STATE_COOKIE, "", { path: "/wechat", maxAge: 0 });
  if (result.ok) setWechatCookie(request, response, TICKET_COOKIE, result.ticket);
  return response;
}
