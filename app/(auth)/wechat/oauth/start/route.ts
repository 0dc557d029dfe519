import { NextResponse, type NextRequest } from "next/server";
import { startWechatSignIn } from "@/lib/auth/wechat";
import { getDb } from "@/lib/db";
import { publicOrigin, setWechatCookie, STATE_COOKIE } from "@/app/_lib/wechat-cookies";

/**
 * GET /wechat/oauth/start?company=<id> — the official account's menu link. Sends the browser to
 * WeChat's authorize page (snsapi_base) with a fresh state bound to a signed cookie of this browser.
 * 404 when the company has no enabled official account.
 */
export async function GET(request: NextRequest) {
  const companyId = Number(request.nextUrl.searchParams.get("company"));
  if (!Number.isSafeInteger(companyId) || companyId <= 0) return new NextResponse(null, { status: 404 });
  const start = await startWechatSignIn(getDb(), companyId, `${publicOrigin(request)}/wechat/oauth/callback`);
  if (!start) return new NextResponse(null, { status: 404 });
  const response = NextResponse.redirect(start.url, 302);
  setWechatCookie(request, response, STATE_COOKIE, start.cookie);
  return response;
}
