/**
 * The client's address as the reverse proxy reports it: the first X-Forwarded-For entry,
 * else X-Real-IP, else "unknown". Used as a rate-limit key, never as an identity.
 */
export function clientIpFrom(header: (name: string) => string | null | undefined): string {
  const forwarded = header("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || header("x-real-ip")?.trim() || "unknown";
}
