/**
 * The CSV formats of the registry import (and export: the same format, so an export can be
 * imported again unchanged). Pure: no I/O.
 *
 * Headers are written bilingually, "<Chinese> <english_key>" (e.g. "楼栋编号 building_code"),
 * and read leniently: the Chinese label alone, the English key alone, both in either order,
 * with or without spaces, brackets, "*" or "_", and a few common synonyms all map to the
 * same column. Unknown columns are ignored (and listed in the check result).
 */

export const IMPORT_KINDS = ["buildings", "units"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === "string" && (IMPORT_KINDS as readonly string[]).includes(value);
}

export interface ColumnDef<K extends string = string> {
  key: K;
  zh: string;
  en: string;
  required: boolean;
  /** Other headers people use for the same thing. */
  aliases?: readonly string[];
}

export const BUILDING_COLUMNS = [
  {
    key: "community",
    zh: "小区",
    en: "community",
    required: true,
    aliases: ["小区名称", "项目", "项目名称", "community_name"],
  },
  { key: "buildingCode", zh: "楼栋编号", en: "building_code", required: true, aliases: ["楼栋号", "楼号", "栋号"] },
  { key: "buildingName", zh: "楼栋名称", en: "building_name", required: true, aliases: ["楼栋", "楼名"] },
  { key: "floors", zh: "楼层数", en: "floors", required: false, aliases: ["总层数", "层数"] },
] as const satisfies readonly ColumnDef[];

export const UNIT_COLUMNS = [
  { key: "buildingCode", zh: "楼栋编号", en: "building_code", required: true, aliases: ["楼栋号", "楼号", "栋号"] },
  { key: "unitNumber", zh: "房号", en: "unit_number", required: true, aliases: ["房间号", "门牌号", "室号"] },
  { key: "floor", zh: "楼层", en: "floor", required: false, aliases: ["所在楼层", "层"] },
  { key: "area", zh: "面积(m²)", en: "area_m2", required: true, aliases: ["面积", "建筑面积", "建筑面积(m²)", "area"] },
  { key: "unitType", zh: "房屋类型", en: "unit_type", required: false, aliases: ["类型", "房屋性质", "type"] },
  {
    key: "householdKey",
    zh: "客户编号",
    en: "household_key",
    required: false,
    aliases: ["户号", "客户码", "household_code"],
  },
  {
    key: "householdName",
    zh: "客户名称",
    en: "household_name",
    required: true,
    aliases: ["客户姓名", "业主姓名", "户主", "household"],
  },
  { key: "householdKind", zh: "客户类型", en: "household_kind", required: false, aliases: ["客户身份", "身份"] },
  {
    key: "contact1Name",
    zh: "联系人1",
    en: "contact1_name",
    required: true,
    aliases: ["联系人", "联系人1姓名", "联系人姓名"],
  },
  {
    key: "contact1Phone",
    zh: "联系人1电话",
    en: "contact1_phone",
    required: true,
    aliases: ["电话", "手机", "手机号", "联系电话", "联系人1手机"],
  },
  { key: "contact2Name", zh: "联系人2", en: "contact2_name", required: false, aliases: ["联系人2姓名"] },
  { key: "contact2Phone", zh: "联系人2电话", en: "contact2_phone", required: false, aliases: ["联系人2手机"] },
  { key: "email", zh: "邮箱", en: "email", required: false, aliases: ["电子邮箱", "联系人1邮箱", "e-mail"] },
  /** Handover / purchase date (交付/入伙) from which the household holds the unit; empty = the import day. */
  {
    key: "fromDate",
    zh: "交付日期",
    en: "from_date",
    required: false,
    aliases: ["入伙日期", "交房日期", "购房日期", "起始日期", "handover_date", "purchase_date", "start_date"],
  },
] as const satisfies readonly ColumnDef[];

export type BuildingColumn = (typeof BUILDING_COLUMNS)[number]["key"];
export type UnitColumn = (typeof UNIT_COLUMNS)[number]["key"];
export type ColumnKey = BuildingColumn | UnitColumn;

export function columnsOf(kind: ImportKind): readonly ColumnDef<ColumnKey>[] {
  return kind === "buildings" ? BUILDING_COLUMNS : UNIT_COLUMNS;
}

/** The header a template and an export write: "楼栋编号 building_code". */
export function headerOf(column: ColumnDef): string {
  return `${column.zh} ${column.en}`;
}

/** Lower case, full-width folded (NFKC), without spaces, brackets, "*", "_", "-", ":" or "/". */
export function normalizeHeader(raw: string): string {
  return raw
    .normalize("NFKC")
    .toLowerCase()
    .replace(/^\ufeff/, "")
    .replace(/[\s_\-*()[\]【】:/.]/g, "");
}

function acceptedHeaders(column: ColumnDef): Set<string> {
  const names = [column.zh, column.en, column.zh + column.en, column.en + column.zh, ...(column.aliases ?? [])];
  return new Set(names.map(normalizeHeader));
}

export interface HeaderMapping<K extends string = ColumnKey> {
  /** Column key → 0-based index in the record. */
  index: Partial<Record<K, number>>;
  /** Required columns the header lacks (a file-level error). */
  missing: K[];
  /** Columns that appear more than once (a file-level error: which one would count?). */
  duplicated: K[];
  /** Headers that match no column; their cells are ignored. */
  ignored: string[];
}

export function mapHeader<K extends string>(
  columns: readonly ColumnDef<K>[],
  header: readonly string[],
): HeaderMapping<K> {
  const lookup = new Map<string, K>();
  for (const c of columns) for (const h of acceptedHeaders(c)) lookup.set(h, c.key);
  const index: Partial<Record<K, number>> = {};
  const duplicated: K[] = [];
  const ignored: string[] = [];
  header.forEach((raw, i) => {
    const name = normalizeHeader(raw);
    if (!name) return;
    const key = lookup.get(name);
    if (!key) ignored.push(raw.trim());
    else if (index[key] !== undefined) {
      if (!duplicated.includes(key)) duplicated.push(key);
    } else index[key] = i;
  });
  const missing = columns.filter((c) => c.required && index[c.key] === undefined).map((c) => c.key);
  return { index, missing, duplicated, ignored };
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/* Cell vocabularies: Chinese or English, case-insensitive. */

export const UNIT_TYPE_WORDS: Record<string, "residential" | "commercial" | "parking"> = {
  住宅: "residential",
  residential: "residential",
  商铺: "commercial",
  商业: "commercial",
  commercial: "commercial",
  车位: "parking",
  停车位: "parking",
  parking: "parking",
};

export const HOUSEHOLD_KIND_WORDS: Record<string, "owner" | "tenant"> = {
  业主: "owner",
  owner: "owner",
  租户: "tenant",
  tenant: "tenant",
};

/** The words an export writes, per language. The import accepts either language. */
export const VALUE_LABELS = {
  "zh-CN": {
    unitType: { residential: "住宅", commercial: "商铺", parking: "车位" },
    householdKind: { owner: "业主", tenant: "租户" },
  },
  en: {
    unitType: { residential: "residential", commercial: "commercial", parking: "parking" },
    householdKind: { owner: "owner", tenant: "tenant" },
  },
} as const;

export function lookupWord<V>(words: Record<string, V>, raw: string): V | undefined {
  return Object.hasOwn(words, raw.trim().toLowerCase()) ? words[raw.trim().toLowerCase()] : undefined;
}
