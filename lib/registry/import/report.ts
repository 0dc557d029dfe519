/**
 * What the browser gets back from a check or a run, and the downloadable error report.
 * Pure: the caller passes a translator for the user's language.
 */
import type { AppliedHousehold } from "./apply-units";
import { toCsv } from "@/lib/csv";
import type { CheckReport } from "./check";
import type { RowError } from "./table";

/** Errors shown on the page (paginated there); the CSV report has them all. */
export const ERRORS_ON_PAGE = 1000;

/** The report as JSON for the page: every count, the first errors. */
export function reportForPage(report: CheckReport) {
  return { ...report, errors: report.errors.slice(0, ERRORS_ON_PAGE), errorCount: report.errors.length };
}
export type PageReport = ReturnType<typeof reportForPage>;

type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface ReportLabels {
  row: string;
  column: string;
  field: string;
  value: string;
  problem: string;
}

/** One line per problem: row, column letter, column header, the cell, the problem in words. */
export function errorReportCsv(report: CheckReport, t: Translate, labels: ReportLabels): string {
  const columns = new Map(report.columns.map((c) => [c.key, c]));
  const line = (e: RowError) => {
    const column = e.column ? columns.get(e.column) : undefined;
    return [e.row, column?.letter ?? "", column?.header ?? "", e.value ?? "", t(e.problem, e.params)];
  };
  const header = [labels.row, labels.column, labels.field, labels.value, labels.problem];
  if (report.fileProblem)
    return toCsv([header, ["", "", "", "", t(report.fileProblem.problem, report.fileProblem.params)]]);
  return toCsv([header, ...report.errors.map(line)]);
}

/** One line of the apply route's NDJSON answer. */
export type ApplyLine =
  | { type: "stage"; stage: "validating" }
  | { type: "progress"; done: number; total: number }
  | {
      type: "done";
      rows: number;
      created: number;
      updated: number;
      unchanged: number;
      skipped: number;
      householdsCreated: number;
      households: AppliedHousehold[];
    }
  | { type: "rejected"; report: PageReport }
  | { type: "error"; code: string; message: string };
