"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import type { ActionFn } from "@/lib/actions/result";

/** An inbox entry's link: opening it marks the entry read first (unread ones only). */
export function NotificationLink({
  markReadAction,
  id,
  href,
  unread,
  children,
}: {
  markReadAction: ActionFn<{ id: number }>;
  id: number;
  href: string;
  unread: boolean;
  children: ReactNode;
}) {
  const router = useRouter();
  return (
    <Link
      href={href}
      className="hover:underline"
      data-unread={unread ? "true" : "false"}
      onClick={async (e) => {
        if (!unread || e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        await markReadAction({ id });
        router.push(href);
      }}
    >
      {children}
    </Link>
  );
}
