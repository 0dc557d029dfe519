"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { IMPORT_KINDS, type ImportKind } from "@/lib/registry/import/columns";
import type { ApplyLine, PageReport } from "@/lib/registry/import/report";
import { CheckSummary } from "./check-summary";
import { applyFile, checkFile, downloadErrorReport, type ImportTarget } from "./import-client";
import { ImportResult } from "./import-result";

export interface CommunityOption {
  id: number;
  name: string;
  buildings: number;
  units: number;
}

type Phase =
  | { step: "idle" }
  | { step: "checking" }
  | { step: "checked"; report: PageReport }
  | { step: "writing"; done: number; total: number }
  | { step: "done"; result: Extract<ApplyLine, { type: "done" }> }
  | { step: "failed"; message: string; report?: PageReport };

/** The panel's state: what to import, the phase of the check/import, and the handlers. */
function useImportPanel(communities: CommunityOption[]) {
  const router = useRouter();
  const ids = { kind: useId(), file: useId() };
  const fileInput = useRef<HTMLInputElement>(null);
  // A company that has no buildings yet starts with the buildings file.
  const [kind, setKind] = useState<ImportKind>(communities.some((c) => c.buildings > 0) ? "units" : "buildings");
  const [communityId, setCommunityId] = useState<number | null>(communities.length === 1 ? communities[0].id : null);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const [downloading, setDownloading] = useState(false);

  const target: ImportTarget | null =
    file && (kind === "buildings" || communityId) ? { kind, communityId, file } : null;
  const busy = phase.step === "checking" || phase.step === "writing";
  const reset = () => setPhase({ step: "idle" });

  async function onCheck(event: React.FormEvent) {
    event.preventDefault();
    if (!target) return;
    setPhase({ step: "checking" });
    const answer = await checkFile(target);
    setPhase(answer.ok ? { step: "checked", report: answer.report } : { step: "failed", message: answer.message });
  }

  async function onImport(validOnly: boolean) {
    if (!target) return;
    setPhase({ step: "writing", done: 0, total: 0 });
    const last = await applyFile(target, validOnly, (line) => {
      if (line.type === "progress") setPhase({ step: "writing", done: line.done, total: line.total });
    });
    if (last.type === "done") {
      setPhase({ step: "done", result: last });
      router.refresh();
    } else if (last.type === "rejected") setPhase({ step: "failed", message: "import.rejected", report: last.report });
    else setPhase({ step: "failed", message: last.type === "error" ? last.message : "import.failed" });
  }

  async function onDownload() {
    if (!target) return;
    setDownloading(true);
    const problem = await downloadErrorReport(target);
    setDownloading(false);
    if (problem) setPhase({ step: "failed", message: problem });
  }

  function startOver() {
    setFile(null);
    if (fileInput.current) fileInput.current.value = "";
    reset();
  }
  return {
    ids,
    fileInput,
    kind,
    setKind,
    communityId,
    setCommunityId,
    setFile,
    phase,
    downloading,
    target,
    busy,
    reset,
    onCheck,
    onImport,
    onDownload,
    startOver,
  };
}

type PanelState = ReturnType<typeof useImportPanel>;

/** Choose kind (and community) → pick a file → check → import (all, or only the valid rows) with progress. */
export function ImportPanel({ communities }: { communities: CommunityOption[] }) {
  const t = useTranslations();
  const p = useImportPanel(communities);
  const { kind, phase, downloading, onImport, onDownload, startOver } = p;
  if (phase.step === "done") return <ImportResult result={phase.result} onAgain={startOver} />;

  const report = phase.step === "checked" ? phase.report : phase.step === "failed" ? phase.report : undefined;
  return (
    <div className="space-y-4">
      <ImportForm p={p} communities={communities} />

      {kind === "units" && communities.length === 0 ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-800">{t("import.noCommunities")}</p>
      ) : null}

      {phase.step === "failed" ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          {t(phase.message)}
        </p>
      ) : null}

      {phase.step === "writing" ? <Progress done={phase.done} total={phase.total} /> : null}

      {report ? (
        <CheckSummary
          report={report}
          canImport={phase.step === "checked"}
          onImport={onImport}
          onDownload={onDownload}
          downloading={downloading}
        />
      ) : null}
    </div>
  );
}

function ImportForm({ p, communities }: { p: PanelState; communities: CommunityOption[] }) {
  const t = useTranslations();
  const { ids, fileInput, kind, communityId, setCommunityId, setFile, phase, target, busy, reset, onCheck } = p;
  return (
    <form
      onSubmit={onCheck}
      className="grid gap-3 lg:grid-cols-[auto_minmax(0,1fr)_minmax(0,1.3fr)_auto] lg:items-end"
      noValidate
    >
      <KindPicker p={p} />

      {kind === "units" ? (
        <SelectField
          label={t("import.community")}
          value={communityId ?? ""}
          disabled={busy || communities.length === 0}
          onChange={(e) => {
            setCommunityId(e.target.value ? Number(e.target.value) : null);
            reset();
          }}
          options={[
            { value: "", label: t("import.chooseCommunity") },
            ...communities.map((c) => ({
              value: c.id,
              label: t("import.communityOption", { name: c.name, buildings: c.buildings, units: c.units }),
            })),
          ]}
        />
      ) : (
        <p className="text-sm text-slate-600 lg:pb-2">{t("import.kindHelp.buildings")}</p>
      )}

      <div>
        <label htmlFor={ids.file} className="mb-1 block text-sm font-medium text-slate-700">
          {t("import.fileLabel")}
        </label>
        <input
          ref={fileInput}
          id={ids.file}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          aria-describedby={`${ids.file}-hint`}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            reset();
          }}
          className="block w-full rounded-md border border-slate-300 bg-white text-sm text-slate-700 shadow-sm file:mr-3 file:border-0 file:border-r file:border-slate-300 file:bg-slate-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-100"
        />
      </div>

      <div className="flex gap-2">
        <a
          href={`/api/registry/import/template?kind=${kind}`}
          className="inline-flex items-center justify-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          {t("import.template")}
        </a>
        <Button type="submit" disabled={!target || busy}>
          {phase.step === "checking" ? t("import.checking") : t("import.check")}
        </Button>
      </div>
      <p id={`${ids.file}-hint`} className="text-xs text-slate-500 lg:col-span-4">
        {kind === "units" ? `${t("import.kindHelp.units")} ` : ""}
        {t("import.fileHint")}
      </p>
    </form>
  );
}

function KindPicker({ p }: { p: PanelState }) {
  const t = useTranslations();
  const { ids, kind, setKind, busy, reset } = p;
  return (
    <fieldset>
      <legend className="mb-1 block text-sm font-medium text-slate-700">{t("import.kindLabel")}</legend>
      <div className="inline-flex rounded-md ring-1 ring-slate-300">
        {IMPORT_KINDS.map((k) => (
          <label
            key={k}
            className={`cursor-pointer px-3 py-2 text-sm first:rounded-l-md last:rounded-r-md has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${
              kind === k ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"
            }`}
          >
            <input
              type="radio"
              name={ids.kind}
              value={k}
              checked={kind === k}
              disabled={busy}
              onChange={() => {
                setKind(k);
                reset();
              }}
              className="sr-only"
            />
            {t(`import.kind.${k}`)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Progress({ done, total }: { done: number; total: number }) {
  const t = useTranslations("import.progress");
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="space-y-1" role="status">
      <div className="text-sm text-slate-700">{total > 0 ? t("writing", { done, total }) : t("validating")}</div>
      <div
        role="progressbar"
        aria-label={t("label")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full bg-brand-600 transition-[width] ${total === 0 ? "w-1/3 animate-pulse" : ""}`}
          style={total > 0 ? { width: `${percent}%` } : undefined}
        />
      </div>
    </div>
  );
}
