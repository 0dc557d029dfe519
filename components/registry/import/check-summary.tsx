"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { PageReport } from "@/lib/registry/import/report";
import { ErrorTable } from "./error-table";

function Figure({ label, value, tone = "plain" }: { label: string; value: string; tone?: "plain" | "good" | "bad" }) {
  const color = tone === "bad" ? "text-red-700" : tone === "good" ? "text-brand-700" : "text-slate-900";
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${color}`}>{value}</dd>
    </div>
  );
}

type Counts = { rows: number; valid: number; invalid: number };

/**
 * What a check found, and the way forward: import everything when every row is valid;
 * otherwise nothing is written unless the user ticks "only the valid rows" and confirms.
 */
export function CheckSummary({
  report,
  canImport,
  onImport,
  onDownload,
  downloading,
}: {
  report: PageReport;
  canImport: boolean;
  onImport: (validOnly: boolean) => void;
  onDownload: () => void;
  downloading: boolean;
}) {
  const t = useTranslations();
  const [validOnly, setValidOnly] = useState(false);
  const [confirming, setConfirming] = useState(false);

  if (report.fileProblem)
    return (
      <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
        {t(report.fileProblem.problem, report.fileProblem.params)}
      </p>
    );

  const valid = report.rows - report.invalidRows;
  const { created, updated } = report.outcome;
  const counts = { rows: report.rows, valid, invalid: report.invalidRows };
  return (
    <section aria-labelledby="import-summary-title" className="space-y-3 border-t border-slate-200 pt-4">
      <ReportFigures report={report} valid={valid} />
      {report.ignoredColumns.length ? (
        <p className="text-sm text-amber-800">
          {t("import.summary.ignored", { columns: report.ignoredColumns.join(t("common.listSeparator")) })}
        </p>
      ) : null}

      {report.invalidRows === 0 ? (
        <p className="text-sm text-slate-700">
          {created + updated === 0
            ? t("import.summary.nothingToDo")
            : t("import.summary.allValid", { rows: counts.rows })}
        </p>
      ) : (
        <p className="text-sm text-red-700">
          {valid === 0 ? t("import.summary.noValidRows") : t("import.summary.hasErrors", counts)}
        </p>
      )}

      {canImport && valid > 0 ? (
        <ImportChoice
          report={report}
          counts={counts}
          onImport={onImport}
          validOnly={validOnly}
          setValidOnly={setValidOnly}
          confirming={confirming}
          setConfirming={setConfirming}
        />
      ) : null}

      {report.errorCount > 0 ? <ErrorTable report={report} onDownload={onDownload} downloading={downloading} /> : null}
    </section>
  );
}

function ReportFigures({ report, valid }: { report: PageReport; valid: number }) {
  const t = useTranslations();
  const format = useFormatter();
  const n = (value: number) => format.number(value);
  const { created, updated, unchanged } = report.outcome;
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="import-summary-title" className="text-sm font-semibold text-slate-900">
          {t("import.summary.title")}
        </h3>
        {report.encoding ? (
          <span className="text-xs text-slate-500">
            {t("import.summary.encoding", { encoding: t(`import.encoding.${report.encoding}`) })}
          </span>
        ) : null}
      </div>
      <dl className="grid grid-cols-3 gap-2 sm:grid-cols-6">
        <Figure label={t("import.summary.rows")} value={n(report.rows)} />
        <Figure label={t("import.summary.valid")} value={n(valid)} tone="good" />
        <Figure
          label={t("import.summary.invalid")}
          value={n(report.invalidRows)}
          tone={report.invalidRows ? "bad" : "plain"}
        />
        <Figure label={t("import.summary.created")} value={n(created)} />
        <Figure label={t("import.summary.updated")} value={n(updated)} />
        <Figure label={t("import.summary.unchanged")} value={n(unchanged)} />
      </dl>
    </>
  );
}

function ImportChoice({
  report,
  counts,
  onImport,
  validOnly,
  setValidOnly,
  confirming,
  setConfirming,
}: {
  report: PageReport;
  counts: Counts;
  onImport: (validOnly: boolean) => void;
  validOnly: boolean;
  setValidOnly: (v: boolean) => void;
  confirming: boolean;
  setConfirming: (v: boolean) => void;
}) {
  const t = useTranslations();
  return (
    <div className="space-y-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
      {report.invalidRows > 0 ? (
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            className="mt-0.5 accent-brand-600"
            checked={validOnly}
            onChange={(e) => {
              setValidOnly(e.target.checked);
              setConfirming(false);
            }}
          />
          {t("import.validOnly", counts)}
        </label>
      ) : null}
      {confirming ? (
        <div
          role="alertdialog"
          aria-labelledby="import-confirm-title"
          aria-describedby="import-confirm-body"
          className="space-y-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-200"
        >
          <p id="import-confirm-title" className="text-sm font-semibold text-amber-900">
            {t("import.confirm.title")}
          </p>
          <p id="import-confirm-body" className="text-sm text-amber-900">
            {t("import.confirm.body", counts)}
          </p>
          <div className="flex gap-2">
            <Button type="button" onClick={() => onImport(true)}>
              {t("import.confirm.yes")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              {t("import.confirm.no")}
            </Button>
          </div>
        </div>
      ) : report.invalidRows === 0 ? (
        <Button type="button" onClick={() => onImport(false)}>
          {t("import.importRows", { rows: counts.rows })}
        </Button>
      ) : (
        <Button type="button" disabled={!validOnly} onClick={() => setConfirming(true)}>
          {t("import.importValidRows", counts)}
        </Button>
      )}
    </div>
  );
}
