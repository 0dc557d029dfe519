import Link from "next/link";
import type { ReactNode } from "react";

export function StatusPage({
  code,
  title,
  body,
  action,
}: {
  code: string;
  title: string;
  body: string;
  action?: ReactNode;
}) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-5xl font-bold text-brand-600">{code}</p>
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-sm text-slate-600">{body}</p>
      {action}
    </main>
  );
}

export function HomeLink({ children }: { children: ReactNode }) {
  return (
    <Link href="/" className="mt-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
      {children}
    </Link>
  );
}
