"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { SchemaAction } from "@/lib/actions/result";
import type { clockSchema } from "@/lib/hr/schemas";

/** The one big button: clock in, then clock out; the server decides the time. */
export function ClockButton({
  clockAction,
  kind,
}: {
  clockAction: SchemaAction<typeof clockSchema>;
  kind: "in" | "out" | null;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (kind === null) {
    return (
      <p className="rounded-xl bg-emerald-50 p-6 text-center text-lg font-medium text-emerald-800">
        {t("hr.attendance.doneToday")}
      </p>
    );
  }
  const onClick = () =>
    start(async () => {
      setError(null);
      const result = await clockAction({ kind });
      if (result.ok) {
        setDone(kind === "in" ? "hr.attendance.clockedIn" : "hr.attendance.clockedOut");
        router.refresh();
      } else setError(result.message);
    });
  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={onClick}
        disabled={pending}
        className={`flex h-36 w-full flex-col items-center justify-center rounded-2xl text-2xl font-semibold text-white shadow-md transition active:scale-[0.98] disabled:opacity-60 ${
          kind === "in" ? "bg-brand-600 hover:bg-brand-700" : "bg-amber-600 hover:bg-amber-700"
        }`}
      >
        {pending ? t("hr.attendance.working") : t(kind === "in" ? "hr.attendance.clockIn" : "hr.attendance.clockOut")}
      </button>
      {done && !error ? (
        <p role="status" className="text-center text-sm text-brand-700">
          {t(done)}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-center text-sm text-red-600">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
