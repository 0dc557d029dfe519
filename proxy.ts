import { NextResponse, type NextRequest } from "next/server";

/**
 * Optimistic redirect only: a visitor without any session cookie who opens a signed-in
 * page goes straight to sign-in. Real authorization happens on the server in every page,
 * action and route handler (a cookie here proves nothing).
 */
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/sign-in";
  url.search = `?callbackUrl=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = { matcher: ["/staff/:path*", "/home/:path*", "/me/:path*"] };
