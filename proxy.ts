import { NextResponse, type NextRequest } from "next/server";
import { requestIsHttps } from "@/lib/auth/client-ip";
import { actionContentType, isCrossOrigin, jsonPayloadProblem, type ActionRefusal } from "@/lib/http/action-guard";
import { contentSecurityPolicy, newNonce, STRICT_TRANSPORT_SECURITY } from "@/lib/http/security-headers";

/**
 * Runs before every page, route handler and action call:
 * 1. server-action calls from another origin answer 403, malformed or over-deep bodies 400
 *    (instead of a 500 from inside Next's decoder);
 * 2. a visitor without any session cookie who opens a signed-in page goes straight to
 *    sign-in (optimistic only: real authorization happens on the server in every page,
 *    action and route handler — a cookie here proves nothing);
 * 3. every response gets a nonce-based Content-Security-Policy (Next reads the nonce from
 *    the request's CSP header and puts it on its scripts), and HSTS when served over https.
 */
const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const SIGNED_IN_PREFIXES = ["/staff", "/home", "/me"];
/** Multipart action bodies above this (photo uploads) are not parsed here. */
const MAX_INSPECTED_FORM_BYTES = 2 * 1024 * 1024;

export async function proxy(request: NextRequest) {
  if (request.method === "POST" && request.headers.has("next-action")) {
    const refusal = await refuseAction(request);
    if (refusal)
      return secured(request, NextResponse.json({ ok: false, code: refusal.reason }, { status: refusal.status }));
  }
  const { pathname } = request.nextUrl;
  const signedInPage = SIGNED_IN_PREFIXES.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  if (signedInPage && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + request.nextUrl.search)}`;
    return secured(request, NextResponse.redirect(url));
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return secured(request, response);
}

function secured(request: NextRequest, response: NextResponse): NextResponse {
  if (requestIsHttps(Object.fromEntries(request.headers)))
    response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return response;
}

async function refuseAction(request: NextRequest): Promise<ActionRefusal | null> {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (isCrossOrigin(request.headers.get("origin"), host)) return { status: 403, reason: "cross_origin" };
  const kind = actionContentType(request.headers.get("content-type"));
  if (!kind) return { status: 400, reason: "content_type" };
  if (kind === "json") {
    const problem = jsonPayloadProblem(await request.clone().text());
    return problem ? { status: 400, reason: problem } : null;
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_INSPECTED_FORM_BYTES) return null;
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    return { status: 400, reason: "malformed" };
  }
  // React's encoded reply puts its JSON chunks under numeric names ("0", "1"…); form fields are plain text.
  for (const [name, value] of form) {
    if (!/^\d+$/.test(name) || typeof value !== "string") continue;
    const problem = jsonPayloadProblem(value);
    if (problem) return { status: 400, reason: problem };
  }
  return null;
}

/** Everything but static files: the CSP must be on every page. */
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icons/|manifest.webmanifest).*)"],
};
