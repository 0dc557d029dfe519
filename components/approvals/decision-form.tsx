"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/actions/result";
import type { SchemaAction } from "@/lib/actions/result";
import type { decisionSchema, withdrawSchema } from "@/lib/approvals/schemas";

function useRun() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async (p: () => Promise<ActionResult<unknown>>, doneKey: string) => {
    setBusy(true);
    setError(null);
    const res = await p();
    setBusy(false);
    if (res.ok) {
      setDone(doneKey);
      router.refresh();
    } else setError(Object.values(res.fieldErrors ?? {})[0]?.[0] ?? res.message);
  };
  return { busy, error, done, run };
}

/** Approve / reject / return the current step, with a comment (required to reject or return). */
export function DecisionForm({
  decideAction,
  requestId,
  position,
}: {
  decideAction: SchemaAction<typeof decisionSchema>;
  requestId: number;
  position: number;
}) {
  const t = useTranslations("approvals");
  const tr = useTranslations();
  const [comment, setComment] = useState("");
  const { busy, error, done, run } = useRun();
  const go = (decision: "approve" | "reject" | "return") =>
    run(() => decideAction({ requestId, position, decision, comment }), "done.decided");
  return (
    <div className="space-y-3" data-testid="decision-form">
      <label className="block">
        <span className="mb-1 block text-sm font-medium text-slate-700">{t("actions.comment")}</span>
        <textarea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={2}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-base sm:text-sm"
        />
        <span className="text-xs text-slate-500">{t("actions.commentHint")}</span>
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" disabled={busy} onClick={() => go("approve")}>
          {t("actions.approve")}
        </Button>
        <Button type="button" variant="secondary" disabled={busy} onClick={() => go("return")}>
          {t("actions.return")}
        </Button>
        <Button type="button" variant="danger" disabled={busy} onClick={() => go("reject")}>
          {t("actions.reject")}
        </Button>
        {error ? (
          <span role="alert" className="text-sm text-red-600">
            {tr(error)}
          </span>
        ) : null}
        {done ? (
          <span role="status" className="text-sm text-brand-700">
            {t(done as "done.decided")}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** The requester withdraws before the end. */
export function WithdrawButton({
  withdrawAction,
  requestId,
}: {
  withdrawAction: SchemaAction<typeof withdrawSchema>;
  requestId: number;
}) {
  const t = useTranslations("approvals");
  const tr = useTranslations();
  const { busy, error, run } = useRun();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        disabled={busy}
        onClick={() => {
          if (window.confirm(t("actions.withdrawConfirm")))
            void run(() => withdrawAction({ requestId, comment: "" }), "done.withdrawn");
        }}
      >
        {t("actions.withdraw")}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-600">
          {tr(error)}
        </span>
      ) : null}
    </span>
  );
}
