import { getTranslations } from "next-intl/server";
import { Table } from "@/components/ui/table";
import {
  BUILDING_COLUMNS,
  columnLetter,
  headerOf,
  UNIT_COLUMNS,
  type ColumnDef,
  type ImportKind,
} from "@/lib/registry/import/columns";

/** The two file formats, column by column, with the rules that decide what an import does. */
export async function FormatGuide() {
  const t = await getTranslations("import");
  const table = (kind: ImportKind, columns: readonly ColumnDef[]) => (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold text-slate-900">{t(`kind.${kind}`)}</h3>
      <Table head={["", t("guide.column"), t("guide.required"), t("guide.notes")]}>
        {columns.map((c, i) => (
          <tr key={c.key}>
            <td className="font-mono text-xs text-slate-500">{columnLetter(i)}</td>
            <td className="whitespace-nowrap font-mono text-xs text-slate-800">{headerOf(c)}</td>
            <td className="text-slate-700">{c.required ? t("guide.yes") : t("guide.no")}</td>
            <td className="text-slate-600">{t(`guide.${kind}.${c.key}`)}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
  return (
    <details open>
      <summary className="cursor-pointer text-base font-semibold text-slate-900">{t("guide.title")}</summary>
      <div className="mt-3 space-y-4 text-sm text-slate-700">
        <p>{t("guide.intro")}</p>
        {table("buildings", BUILDING_COLUMNS)}
        {table("units", UNIT_COLUMNS)}
        <p>{t("guide.householdKey")}</p>
        <p>{t("guide.rules")}</p>
      </div>
    </details>
  );
}
