"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { BAND_STYLE } from "@/components/crm/band-style";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { ActionFn } from "@/lib/actions/result";
import { BANDS, type Band } from "@/lib/crm/config";
import type { JobState } from "@/lib/jobs/progress";
import { BandCompare } from "./charts";

export type Preview = { current: Record<Band, number>; draft: Record<Band, number>; total: number; moved: number };
export type PreviewJob = JobState<Preview>;

/** How often the page asks for the running preview's progress. */
const POLL_MS = 400;

/**
 * The what-if job as the editor sees it: `follow(state)` shows a job the server has started
 * (from "save draft" or on opening a page with a draft) and polls its progress until it is done.
 * `running` is true meanwhile, so the editor disables "save" (no second run from a double click).
 */
export function useWhatIfJob(
  statusAction: ActionFn<Record<string, never>, PreviewJob | null>,
  startAction: ActionFn<Record<string, never>, PreviewJob | null>,
  hasDraft: boolean,
) {
  const [job, setJob] = useState<PreviewJob | null>(null);
  const running = job?.status === "running";
  // While the job runs, ask for its state every POLL_MS (each answer is a new object: the next poll).
  useEffect(() => {
    if (!running) return;
    let live = true;
    const timer = setTimeout(async () => {
      const res = await statusAction({});
      if (live && res.ok) setJob(res.data);
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [job, running, statusAction]);
  // A saved draft's preview is computed in the background after the page has rendered.
  useEffect(() => {
    if (!hasDraft) return;
    let live = true;
    void startAction({}).then((res) => live && res.ok && setJob(res.data));
    return () => {
      live = false;
    };
  }, [hasDraft, startAction]);
  return { job, follow: setJob, running };
}

export function WhatIfPanel({ job, labels }: { job: PreviewJob | null; labels: Record<Band, string> }) {
  const t = useTranslations("crm");
  const preview = job?.status === "done" ? job.result : null;
  return (
    <aside
      className="h-fit space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      data-testid="whatif"
      aria-busy={job?.status === "running"}
    >
      <h2 className="text-sm font-semibold">{t("rules.whatif.title")}</h2>
      <p className="text-xs text-slate-500">{t("rules.whatif.hint")}</p>
      {job?.status === "running" ? (
        <ProgressBar
          done={job.done}
          total={job.total}
          label={t("rules.whatif.progressLabel")}
          text={t("rules.whatif.running", { done: job.done, total: job.total })}
          testId="whatif-progress"
        />
      ) : job?.status === "failed" ? (
        <p role="alert" className="text-sm text-red-600">
          {t("rules.whatif.failed")}
        </p>
      ) : preview ? (
        <PreviewTable preview={preview} labels={labels} />
      ) : (
        <p className="text-sm text-slate-500">{t("rules.whatif.none")}</p>
      )}
    </aside>
  );
}

function PreviewTable({ preview, labels }: { preview: Preview; labels: Record<Band, string> }) {
  const t = useTranslations("crm");
  return (
    <>
      <BandCompare
        rows={BANDS.map((b) => ({ band: b, a: preview.current[b], b: preview.draft[b] }))}
        labels={labels}
        series={{ a: t("rules.whatif.current"), b: t("rules.whatif.draft") }}
      />
      <table className="w-full text-sm">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1 text-left font-medium" />
            <th className="py-1 text-right font-medium">{t("rules.whatif.current")}</th>
            <th className="py-1 text-right font-medium">{t("rules.whatif.draft")}</th>
          </tr>
        </thead>
        <tbody>
          {BANDS.map((b) => (
            <tr key={b} data-testid={`whatif-${b}`}>
              <td className="py-1">
                {BAND_STYLE[b].emoji} {labels[b]}
              </td>
              <td className="py-1 text-right tabular-nums" data-testid={`whatif-${b}-current`}>
                {preview.current[b]}
              </td>
              <td className="py-1 text-right tabular-nums font-semibold" data-testid={`whatif-${b}-draft`}>
                {preview.draft[b]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-600" data-testid="whatif-total">
        {t("rules.whatif.total", { total: preview.total, moved: preview.moved })}
      </p>
    </>
  );
}
