import { getTranslations } from "next-intl/server";
import { BUILDING_COLUMNS, columnLetter, headerOf, UNIT_COLUMNS, type ColumnDef, type ImportKind } from "@/lib/registry/import/columns";

/** The two file formats, column by column, with the rules that decide what an import does. */
export async function FormatGuide() {
  const t = await getTranslations("import");
  const table = (kind: ImportKind, columns: readonly ColumnDef[]) => (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold text-slate-900">{t(`kind.${kind}`)}</h3>
      <div className="overflow-x-auto rounded-md ring-1 ring-slate-200">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs text-slate-500">
            <tr>
              <th scope="col" className="w-8 px-2 py-1.5 font-medium" />
              <th scope="col" className="px-2 py-1.5 font-medium">{t("guide.column")}</th>
              <th scope="col" className="px-2 py-1.5 font-medium">{t("guide.required")}</th>
              <th scope="col" className="px-2 py-1.5 font-medium">{t("guide.notes")}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c, i) => (
              <tr key={c.key} className="border-t border-slate-100">
                <td className="px-2 py-1 font-mono text-xs text-slate-500">{columnLetter(i)}</td>
                <td className="whitespace-nowrap px-2 py-1 font-mono text-xs text-slate-800">{headerOf(c)}</td>
                <td className="px-2 py-1 text-slate-700">{c.required ? t("guide.yes") : t("guide.no")}</td>
                <td className="px-2 py-1 text-slate-600">{t(`guide.${kind}.${c.key}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
