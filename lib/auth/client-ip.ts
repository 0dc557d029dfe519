/**
 * The client's address for the per-IP limits (sign-in, household code, public sign-up).
 *
 * Which forwarded headers to believe is configuration: `TRUSTED_PROXY_HOPS` = how many
 * reverse proxies of ours stand in front of the app. 0 (the default) trusts no forwarded
 * header at all — a client can write any X-Forwarded-For — and uses the TCP peer address.
 * N > 0 takes the N-th address from the right of X-Forwarded-For (each of our proxies
 * appends the address it saw).
 *
 * Next.js route handlers, actions and next-auth's authorize() do not get the socket, and
 * Next only fills X-Forwarded-For from the socket when the client did not send one. So
 * instrumentation.ts stamps every incoming request with PEER_HEADER = "<nonce> <address>"
 * (lib/auth/peer-address.ts); the per-process nonce proves the stamp is ours, not the client's.
 */
import { liveEnv } from "@/lib/env";
export const PEER_HEADER = "x-guanjia-peer";

type Headers = Record<string, string | string[] | undefined> | undefined;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : v);

export function trustedProxyHops(
  env: Record<string, string | undefined> = { TRUSTED_PROXY_HOPS: liveEnv("TRUSTED_PROXY_HOPS") },
): number {
  const n = Number(env.TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The nonce of this process's peer stamp (set by lib/auth/peer-address.ts), if installed. */
export function peerNonce(): string | undefined {
  return (globalThis as { __guanjiaPeerNonce?: string }).__guanjiaPeerNonce;
}

/** The TCP peer's address from our stamp; anything without the right nonce is ignored. */
export function peerAddress(headers: Headers, nonce: string | undefined = peerNonce()): string | undefined {
  const stamp = one(headers?.[PEER_HEADER]);
  if (nonce === undefined) return undefined;
  const [given, address] = stamp?.split(" ") ?? [];
  return given === nonce && address ? address : undefined;
}

export function clientIp(
  headers: Headers,
  hops: number = trustedProxyHops(),
  nonce: string | undefined = peerNonce(),
): string {
  const peer = peerAddress(headers, nonce);
  if (hops > 0) {
    const chain = one(headers?.["x-forwarded-for"])
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (chain && chain.length >= hops) return chain[chain.length - hops];
  }
  return peer || "unknown";
}

/** Served over https: NEXTAUTH_URL says so, or a trusted proxy's X-Forwarded-Proto does. */
export function requestIsHttps(
  headers: Headers,
  hops: number = trustedProxyHops(),
  publicUrl: string | undefined = liveEnv("NEXTAUTH_URL"),
): boolean {
  if (publicUrl?.startsWith("https://")) return true;
  return hops > 0 && one(headers?.["x-forwarded-proto"])?.split(",").at(-1)?.trim() === "https";
}
