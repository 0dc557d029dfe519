import type { NextRequest, NextResponse } from "next/server";
import { requestIsHttps } from "@/lib/auth/client-ip";
import { STATE_TTL_MS } from "@/lib/auth/wechat-state";

/** The signed OAuth state (start → callback) and the one-time ticket (callback → continue/bind pages). */
export const STATE_COOKIE = "gj_wx_state";
export const TICKET_COOKIE = "gj_wx_ticket";

/** httpOnly, only under /wechat, short-lived; Secure when the site is served over https. */
export function setWechatCookie(request: NextRequest, response: NextResponse, name: string, value: string) {
  response.cookies.set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/wechat",
    maxAge: STATE_TTL_MS / 1000,
    secure: requestIsHttps(Object.fromEntries(request.headers)),
  });
}

/** The public origin for redirects and WeChat's redirect_uri (NEXTAUTH_URL when set). */
export function publicOrigin(request: NextRequest): string {
  return (process.env.NEXTAUTH_URL || request.nextUrl.origin).replace(/\/$/, "");
}
