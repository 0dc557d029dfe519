"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import type { PageReport } from "@/lib/registry/import/report";

const PAGE_SIZE = 50;

type Column = PageReport["columns"][number];

/** Row errors: row as in the spreadsheet, column letter and header, the cell, the problem in words. 50 per page. */
export function ErrorTable({
  report,
  onDownload,
  downloading,
}: {
  report: PageReport;
  onDownload: () => void;
  downloading: boolean;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(report.errors.length / PAGE_SIZE));
  const shown = report.errors.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const columns = new Map(report.columns.map((c) => [c.key, c]));
  return (
    <section aria-labelledby="import-errors-title" className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="import-errors-title" className="text-sm font-semibold text-slate-900">
          {t("import.errors.title")}{" "}
          <span className="font-normal tabular-nums text-slate-500">({format.number(report.errorCount)})</span>
        </h3>
        <Button type="button" variant="secondary" className="px-3 py-1.5" onClick={onDownload} disabled={downloading}>
          {downloading ? t("import.errors.downloading") : t("import.errors.download")}
        </Button>
      </div>
      {report.errorCount > report.errors.length ? (
        <p className="text-xs text-slate-500">
          {t("import.errors.truncated", { shown: report.errors.length, total: report.errorCount })}
        </p>
      ) : null}
      <Table
        head={[t("import.errors.row"), t("import.errors.column"), t("import.errors.value"), t("import.errors.problem")]}
      >
        {shown.map((e, i) => (
          <ErrorRow key={`${e.row}-${e.column}-${i}`} e={e} column={e.column ? columns.get(e.column) : undefined} />
        ))}
      </Table>
      {pages > 1 ? <ErrorPager page={page} pages={pages} setPage={setPage} /> : null}
    </section>
  );
}

function ErrorRow({ e, column }: { e: PageReport["errors"][number]; column: Column | undefined }) {
  const t = useTranslations();
  return (
    <tr>
      <td className="tabular-nums text-slate-700">{e.row}</td>
      <td className="whitespace-nowrap text-slate-700">
        {column ? (
          <>
            <span className="mr-1.5 inline-block min-w-5 rounded bg-slate-100 px-1 text-center font-mono text-xs text-slate-600">
              {column.letter}
            </span>
            {column.header}
          </>
        ) : (
          "—"
        )}
      </td>
      <td className="max-w-48 truncate text-slate-600" title={e.value}>
        {e.value ?? <span className="text-slate-400">{t("import.errors.empty")}</span>}
      </td>
      <td className="text-red-700">{t(e.problem, e.params)}</td>
    </tr>
  );
}

function ErrorPager({ page, pages, setPage }: { page: number; pages: number; setPage: (page: number) => void }) {
  const t = useTranslations();
  return (
    <nav className="flex items-center justify-end gap-2 text-sm" aria-label={t("import.errors.title")}>
      <Button
        type="button"
        variant="ghost"
        className="px-2 py-1"
        disabled={page === 0}
        onClick={() => setPage(page - 1)}
      >
        {t("import.errors.previous")}
      </Button>
      <span className="tabular-nums text-slate-600">{t("import.errors.page", { page: page + 1, pages })}</span>
      <Button
        type="button"
        variant="ghost"
        className="px-2 py-1"
        disabled={page >= pages - 1}
        onClick={() => setPage(page + 1)}
      >
        {t("import.errors.next")}
      </Button>
    </nav>
  );
}
