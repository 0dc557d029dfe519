"use client";

import { useEffect } from "react";

/**
 * Registers public/sw.js (production builds only: the dev server's hot reload and a caching worker
 * do not mix). The worker caches the app shell's static files and answers navigations it cannot
 * reach the network for with the offline page; it never caches signed-in HTML or API answers.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error: unknown) => {
      console.warn("service worker registration failed", error);
    });
  }, []);
  return null;
}
