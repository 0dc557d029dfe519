"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { SchemaAction } from "@/lib/actions/result";
import type { budgetGridSchema, budgetImportSchema } from "@/lib/finance/schemas";
import type { importBudgetCsv, saveBudgetGrid } from "@/lib/finance/budget";

const MONTHS = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];

/** The year's budget of one community: one row per category, 12 month cells (yuan). */
export function BudgetGrid({
  saveBudgetGridAction,
  communityId,
  year,
  rows,
}: {
  saveBudgetGridAction: SchemaAction<typeof budgetGridSchema, Awaited<ReturnType<typeof saveBudgetGrid>>>;
  communityId: number;
  year: number;
  rows: { categoryId: number; label: string; kind: string; months: string[] }[];
}) {
  const t = useTranslations("finance");
  const tr = useTranslations();
  const router = useRouter();
  const [cells, setCells] = useState(() => rows.map((r) => [...r.months]));
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [bad, setBad] = useState<Set<string>>(new Set());
  const save = async () => {
    setBusy(true);
    setMsg(null);
    const res = await saveBudgetGridAction({
      communityId,
      year,
      rows: rows.map((r, i) => ({ categoryId: r.categoryId, months: cells[i] })),
    });
    setBusy(false);
    if (res.ok) {
      setBad(new Set());
      setMsg({ ok: true, text: t("budget.saved", { changed: res.data.changed }) });
      router.refresh();
    } else {
      setBad(new Set(Object.keys(res.fieldErrors ?? {})));
      setMsg({ ok: false, text: tr(Object.values(res.fieldErrors ?? {})[0]?.[0] ?? res.message) });
    }
  };
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <GridTable rows={rows} year={year} cells={cells} setCells={setCells} bad={bad} />
      </div>
      <div className="flex items-center gap-3">
        <Button type="button" disabled={busy} onClick={save}>
          {t("budget.save")}
        </Button>
        {msg ? (
          <span role={msg.ok ? "status" : "alert"} className={`text-sm ${msg.ok ? "text-brand-700" : "text-red-600"}`}>
            {msg.text}
          </span>
        ) : null}
      </div>
    </div>
  );
}

function GridTable({
  rows,
  year,
  cells,
  setCells,
  bad,
}: {
  rows: { categoryId: number; label: string; kind: string }[];
  year: number;
  cells: string[][];
  setCells: React.Dispatch<React.SetStateAction<string[][]>>;
  bad: Set<string>;
}) {
  const t = useTranslations("finance");
  return (
    <table className="text-sm" data-testid="budget-grid">
      <thead className="text-xs text-slate-500">
        <tr>
          <th className="py-1 pr-2 text-left font-medium">{t("bva.category")}</th>
          {MONTHS.map((m) => (
            <th key={m} className="px-1 py-1 font-medium">
              {m}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={r.categoryId}>
            <td className="whitespace-nowrap py-1 pr-2">
              <span data-user-text>{r.label}</span>{" "}
              <span className="text-xs text-slate-500">{t(`kind.${r.kind as "income"}`)}</span>
            </td>
            {MONTHS.map((m, j) => (
              <td key={m} className="px-0.5 py-0.5">
                <input
                  aria-label={`${r.label} ${year}-${m}`}
                  inputMode="decimal"
                  value={cells[i][j]}
                  onChange={(e) =>
                    setCells((c) =>
                      c.map((row, x) => (x === i ? row.map((v, y) => (y === j ? e.target.value : v)) : row)),
                    )
                  }
                  className={`w-20 rounded border px-1.5 py-1 text-right tabular-nums ${bad.has(`rows.${i}.months.${j}`) ? "border-red-500" : "border-slate-300"}`}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** CSV import: the whole file is checked; row errors are listed and nothing is written unless all rows are valid. */
export function BudgetImport({
  importBudgetAction,
  year,
  template,
}: {
  importBudgetAction: SchemaAction<typeof budgetImportSchema, Awaited<ReturnType<typeof importBudgetCsv>>>;
  year: number;
  template: string;
}) {
  const t = useTranslations("finance");
  const tr = useTranslations();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: true; text: string } | { ok: false; errors: string[] } | null>(null);
  return (
    <form
      className="space-y-3"
      data-testid="budget-import"
      onSubmit={async (e) => {
        e.preventDefault();
        const file = (e.currentTarget.elements.namedItem("file") as HTMLInputElement).files?.[0];
        setBusy(true);
        const res = await importBudgetAction({ year, csv: file ? await file.text() : "" });
        setBusy(false);
        if (!res.ok)
          setResult({ ok: false, errors: [tr(Object.values(res.fieldErrors ?? {})[0]?.[0] ?? res.message)] });
        else if (res.data.ok) {
          setResult({ ok: true, text: t("budget.imported", { rows: res.data.rows, changed: res.data.changed }) });
          router.refresh();
        } else
          setResult({
            ok: false,
            errors: res.data.errors.map((x) =>
              t(`budget.errors.${x.key}` as "budget.errors.amount", { line: x.line, value: x.value ?? "" }),
            ),
          });
      }}
    >
      <p className="text-sm text-slate-600">{t("budget.importHint")}</p>
      <div className="flex flex-wrap items-center gap-3">
        <input type="file" name="file" accept=".csv,text/csv" aria-label={t("budget.file")} className="text-sm" />
        <Button type="submit" variant="secondary" disabled={busy}>
          {t("budget.importButton")}
        </Button>
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(template)}`}
          download={`budget-${year}.csv`}
          className="text-sm text-brand-700 hover:underline"
        >
          {t("budget.template")}
        </a>
      </div>
      {result?.ok ? (
        <p role="status" className="text-sm text-brand-700">
          {result.text}
        </p>
      ) : result ? (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          <p className="font-medium">{t("budget.errorsTitle")}</p>
          <ul className="mt-1 list-disc pl-5">
            {result.errors.slice(0, 50).map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
