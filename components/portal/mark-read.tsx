"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { markNoticeReadAction } from "@/app/(resident)/community/actions";

/** Marks the open announcement read once, then refreshes so the emergency banner goes away. */
export function MarkRead({ id }: { id: number }) {
  const router = useRouter();
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    markNoticeReadAction({ id }).then((r) => {
      if (r.ok) router.refresh();
    });
  }, [id, router]);
  return null;
}
