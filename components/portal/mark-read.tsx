"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { SchemaAction } from "@/lib/actions/result";
import type { idSchema } from "@/lib/portal/schemas";

/** Marks the open announcement read once, then refreshes so the emergency banner goes away. */
export function MarkRead({
  markNoticeReadAction,
  id,
}: {
  markNoticeReadAction: SchemaAction<typeof idSchema>;
  id: number;
}) {
  const router = useRouter();
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    markNoticeReadAction({ id }).then((r) => {
      if (r.ok) router.refresh();
    });
  }, [id, router, markNoticeReadAction]);
  return null;
}
