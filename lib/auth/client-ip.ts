/**
 * The client's address for the per-IP sign-in limit: the rightmost X-Forwarded-For entry,
 * i.e. the one added by the nearest proxy (Next.js itself fills the header from the socket
 * when it is absent). Deploy behind a proxy that sets the header, so clients cannot choose
 * it; the per-account limit does not depend on it.
 */
export function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(",") : v);
  const hops = first(headers?.["x-forwarded-for"])
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return hops?.at(-1) || first(headers?.["x-real-ip"]) || "unknown";
}
