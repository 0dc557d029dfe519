/**
 * Where the browser may go after sign-in: a path on this origin, nothing else. The value
 * arrives in `?callbackUrl=` and is checked as written and after each round of URL-decoding,
 * because browsers and routers normalise `\` to `/` and drop tabs/newlines, so `/\evil`,
 * `/%5Cevil`, `/%09/evil` and `/%2F/evil` all become `//evil` — another origin.
 * Anything doubtful falls back to "/" (the home page sends each role to its start page).
 */
const FALLBACK = "/";
const MAX_LENGTH = 2048;
const DECODE_ROUNDS = 3;
/** Control characters, any whitespace (incl. U+2028/2029, NBSP) and backslashes. */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\s\\]/u;

function isPlainPath(value: string): boolean {
  return value.startsWith("/") && value[1] !== "/" && !FORBIDDEN.test(value);
}

export function safeCallbackPath(value: string | null | undefined): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return FALLBACK;
  let form = value;
  for (let round = 0; round <= DECODE_ROUNDS; round++) {
    if (!isPlainPath(form)) return FALLBACK;
    let decoded: string;
    try {
      decoded = decodeURIComponent(form);
    } catch {
      return FALLBACK;
    }
    if (decoded === form) break;
    if (round === DECODE_ROUNDS) return FALLBACK;
    form = decoded;
  }
  const base = "http://guanjia.invalid";
  try {
    return new URL(value, base).origin === base ? value : FALLBACK;
  } catch {
    return FALLBACK;
  }
}
