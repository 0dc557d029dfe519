/**
 * Checks on a server-action call (a POST carrying the `Next-Action` header) made before
 * Next.js decodes it, so that abuse answers 403/400 instead of a 500 from deep inside the
 * decoder: a call from another origin, a body that is not what a browser sends, a JSON
 * payload that does not parse or nests deeper than any form of ours does.
 */
export const MAX_ACTION_JSON_DEPTH = 32;

export type ActionRefusal =
  { status: 403; reason: "cross_origin" } | { status: 400; reason: "malformed" | "too_deep" | "content_type" };

/** Same origin: the Origin header's host is the host the request was sent to. A missing Origin is left to Next.js. */
export function isCrossOrigin(origin: string | null, host: string | null): boolean {
  if (!origin) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The deepest [ / { nesting of a JSON text (strings skipped); -1 when brackets do not balance. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[" || c === "{") deepest = Math.max(deepest, ++depth);
    else if (c === "]" || c === "}") {
      if (--depth < 0) return -1;
    }
  }
  return depth === 0 && !inString ? deepest : -1;
}

/** A JSON payload (the text/plain body of an action call, or a JSON part of a multipart one). */
export function jsonPayloadProblem(text: string): "malformed" | "too_deep" | null {
  const depth = jsonDepth(text);
  if (depth < 0) return "malformed";
  if (depth > MAX_ACTION_JSON_DEPTH) return "too_deep";
  try {
    JSON.parse(text);
    return null;
  } catch {
    return "malformed";
  }
}

/** The body types a browser uses for action calls: React's encoded reply, or a form post. */
export function actionContentType(contentType: string | null): "json" | "form" | null {
  const type = contentType?.split(";")[0].trim().toLowerCase();
  if (type === "text/plain") return "json";
  if (type === "multipart/form-data" || type === "application/x-www-form-urlencoded") return "form";
  return null;
}
