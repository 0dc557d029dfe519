"use client";

import { useEffect } from "react";

/**
 * Remembers the queue's filters in a cookie (a year, this browser, this user): the page reads it
 * when opened without any filter, so the person comes back to the view they chose.
 */
export function RememberFilters({ name, value }: { name: string; value: string }) {
  useEffect(() => {
    document.cookie = `${name}=${encodeURIComponent(value)}; path=/staff; max-age=31536000; samesite=lax`;
  }, [name, value]);
  return null;
}
