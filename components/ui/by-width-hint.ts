/**
 * The width hint behind ByWidth: the browser keeps a cookie saying which side of Tailwind's md
 * breakpoint (48rem) its window is on (components/shell/viewport-hint.tsx), and list pages render
 * only that view. Without the cookie (a first visit, no script) they render both.
 */
export const WIDTH_COOKIE = "vw";
export const WIDE_QUERY = "(min-width: 48rem)";

export type WidthHint = "wide" | "narrow";

export function widthHint(value: string | undefined): WidthHint | null {
  return value === "wide" || value === "narrow" ? value : null;
}
