import type { SheetRow } from "./attendance-queries";
import { formatMinute, type MonthTotals } from "./rules";

/** The monthly sheet as CSV rows: one per person, then the totals (labels given translated). */
export function sheetCsvRows(
  rows: readonly SheetRow[],
  totals: MonthTotals,
  label: (key: string) => string,
): (string | number)[][] {
  const head = [
    "employeeNo",
    "name",
    "shift",
    "present",
    "late",
    "lateMinutes",
    "early",
    "earlyMinutes",
    "absent",
    "incomplete",
    "leave",
  ].map(label);
  const line = (t: MonthTotals) => [
    t.present,
    t.late,
    t.lateMinutes,
    t.early,
    t.earlyMinutes,
    t.absent,
    t.incomplete,
    t.leave,
  ];
  return [
    head,
    ...rows.map((r) => [
      r.employeeNo,
      r.name,
      `${formatMinute(r.shift.startMinute)}-${formatMinute(r.shift.endMinute)}`,
      ...line(r.totals),
    ]),
    [label("total"), "", "", ...line(totals)],
  ];
}
