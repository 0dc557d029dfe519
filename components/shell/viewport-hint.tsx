"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { WIDE_QUERY, WIDTH_COOKIE, type WidthHint } from "@/components/ui/by-width-hint";

function cookieHint(): string | undefined {
  return document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${WIDTH_COOKIE}=`))
    ?.slice(WIDTH_COOKIE.length + 1);
}

/**
 * Keeps the width hint (components/ui/by-width-hint.ts) true to the window: set on every page load
 * and whenever the window crosses the breakpoint. A page that rendered the other width's view
 * is rendered again.
 */
export function ViewportHint() {
  const router = useRouter();
  useEffect(() => {
    const wide = window.matchMedia(WIDE_QUERY);
    const sync = () => {
      const want: WidthHint = wide.matches ? "wide" : "narrow";
      if (cookieHint() !== want) document.cookie = `${WIDTH_COOKIE}=${want}; path=/; max-age=31536000; samesite=lax`;
      if (document.querySelector(`[data-by-width]:not([data-by-width="${want}"])`)) router.refresh();
    };
    sync();
    wide.addEventListener("change", sync);
    return () => wide.removeEventListener("change", sync);
  }, [router]);
  return null;
}
