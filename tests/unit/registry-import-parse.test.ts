import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  BUILDING_COLUMNS,
  columnLetter,
  HOUSEHOLD_KIND_WORDS,
  lookupWord,
  mapHeader,
  normalizeHeader,
  UNIT_COLUMNS,
  UNIT_TYPE_WORDS,
} from "@/lib/registry/import/columns";
import { toCsv } from "@/lib/csv";
import { formatArea } from "@/lib/registry/import/export";
import {
  checkFile,
  cleanCell,
  decodeText,
  guessDelimiter,
  MAX_FILE_BYTES,
  parseCsvText,
  readCsvFile,
} from "@/lib/registry/import/parse";
import { tableOf } from "@/lib/registry/import/table";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("decodeText", () => {
  it("takes valid UTF-8 as UTF-8, with or without BOM (the BOM is dropped)", () => {
    expect(decodeText(utf8("小区,楼栋"))).toEqual({ text: "小区,楼栋", encoding: "utf-8", bom: false });
    expect(decodeText(utf8("\ufeff小区,楼栋"))).toEqual({ text: "小区,楼栋", encoding: "utf-8", bom: true });
  });

  it("falls back to GB18030 for what is not UTF-8 (Excel's CSV on a Chinese Windows), rare characters included", () => {
    const text = "小区,楼栋编号\r\n翠湖花园,3\r\n㐀䶵𠀀,😀";
    const bytes = new Uint8Array(iconv.encode(text, "gb18030"));
    expect(decodeText(bytes)).toEqual({ text, encoding: "gb18030", bom: false });
    // GBK-only files are GB18030 too.
    expect(decodeText(new Uint8Array(iconv.encode("翠湖花园", "gbk"))).text).toBe("翠湖花园");
  });

  it("reads UTF-16 with a byte-order mark (Excel's Unicode text)", () => {
    const le = new Uint8Array(iconv.encode("\ufeff房号\t面积", "utf-16le"));
    expect(decodeText(le)).toEqual({ text: "房号\t面积", encoding: "utf-16le", bom: true });
  });
});

describe("checkFile", () => {
  it("accepts .csv and .txt under the types browsers report", () => {
    for (const type of ["text/csv", "application/vnd.ms-excel", "", "text/plain; charset=utf-8"])
      expect(checkFile(utf8("a,b"), { name: "房屋.CSV", type })).toBeNull();
    expect(checkFile(utf8("a,b"), { name: "rooms.txt", type: "text/plain" })).toBeNull();
  });

  it("refuses other names and types, workbooks, PDFs and binary content, and files over 20 MB", () => {
    expect(checkFile(utf8("a,b"), { name: "rooms.xlsx" })).toEqual({ problem: "import.file.wrongType" });
    expect(checkFile(utf8("a,b"), { name: "rooms.csv", type: "image/png" })).toEqual({
      problem: "import.file.wrongType",
    });
    expect(checkFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), { name: "rooms.csv" })).toEqual({
      problem: "import.file.workbook",
    });
    expect(checkFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), { name: "rooms.csv" })).toEqual({
      problem: "import.file.workbook",
    });
    expect(checkFile(utf8("%PDF-1.7"), {})).toEqual({ problem: "import.file.wrongType" });
    expect(checkFile(new Uint8Array([0x41, 0x00, 0x42]), {})).toEqual({ problem: "import.file.wrongType" });
    expect(checkFile(new Uint8Array(MAX_FILE_BYTES + 1), {})).toEqual({
      problem: "import.file.tooLarge",
      params: { max: 20 },
    });
  });

  it("reports an empty file as empty", async () => {
    expect(await readCsvFile(new Uint8Array())).toEqual({ ok: false, problem: { problem: "import.file.empty" } });
    expect(await readCsvFile(utf8("\ufeff  \r\n"))).toEqual({ ok: false, problem: { problem: "import.file.empty" } });
  });
});

describe("CSV parsing", () => {
  it("handles quotes, doubled quotes, commas and line breaks inside quotes; keeps blank lines for row numbering", async () => {
    const parsed = await parseCsvText('a,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",z\r\n');
    expect(parsed.ok && parsed.csv.records).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      [""],
      ["two\nlines", "z"],
      [""],
    ]);
  });

  it("parses in small chunks exactly as in one piece, quotes and line breaks across chunk boundaries included", async () => {
    const texts = [
      'a,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",z\r\n' + "1,2\r\n".repeat(20) + '"x\r\ny",3',
      "a,b\n\n\n1,2\n\n",
      'a;b\n"1\n\n2";"3"\n4;5',
    ];
    for (const text of texts) {
      const whole = await parseCsvText(text);
      for (const size of [1, 2, 3, 5, 7, 16])
        expect(await parseCsvText(text, size), `chunks of ${size}: ${text}`).toEqual(whole);
    }
    const first = await parseCsvText(texts[0], 5);
    expect(first.ok && first.csv.records.length).toBe(25);
    expect(first.ok && first.csv.records.at(-1)).toEqual(["x\r\ny", "3"]);
  });

  it("names the row of an unterminated quote found in a later chunk", async () => {
    const text = "a,b\n" + "1,2\n".repeat(30) + '3,"4\n5,6';
    expect(await parseCsvText(text, 8)).toEqual({
      ok: false,
      problem: { problem: "import.file.malformed", params: { row: 32 } },
    });
  });

  it("guesses the delimiter from the header line: comma, tab or semicolon", () => {
    expect(guessDelimiter("a,b,c\n1;2")).toBe(",");
    expect(guessDelimiter("a\tb\tc\n")).toBe("\t");
    expect(guessDelimiter("a;b;c")).toBe(";");
    expect(guessDelimiter("single")).toBe(",");
  });

  it("refuses unterminated quotes, naming the row", async () => {
    expect(await parseCsvText('a,b\n1,2\n3,"4\n5,6')).toEqual({
      ok: false,
      problem: { problem: "import.file.malformed", params: { row: 3 } },
    });
  });

  it("takes the formula guard off and trims cells", () => {
    expect(cleanCell("  '=SUM(A1) ")).toBe("=SUM(A1)");
    expect(cleanCell("'-李四")).toBe("-李四");
    expect(cleanCell("'abc")).toBe("'abc");
    expect(cleanCell(undefined)).toBe("");
  });
});

describe("headers", () => {
  it("maps bilingual, Chinese, English and synonym headers, in any order, ignoring width, case, brackets and spaces", () => {
    const header = ["房号", "BUILDING_CODE", "面积（㎡）", "客户姓名", "联系人1 contact1_name", "手机号", "note", ""];
    const mapping = mapHeader(UNIT_COLUMNS, header);
    expect(mapping.index).toEqual({
      unitNumber: 0,
      buildingCode: 1,
      area: 2,
      householdName: 3,
      contact1Name: 4,
      contact1Phone: 5,
    });
    expect(mapping.missing).toEqual([]);
    expect(mapping.ignored).toEqual(["note"]);
    expect(normalizeHeader("\ufeff面积(m²) area_m2")).toBe("面积m2aream2");
  });

  it("maps the optional handover date column in either language (交付日期 / from_date / 入伙日期); files without it still map", () => {
    for (const h of ["交付日期 from_date", "交付日期", "from_date", "入伙日期", "Handover Date"])
      expect(mapHeader(UNIT_COLUMNS, ["楼栋编号", h]).index.fromDate).toBe(1);
    const old = mapHeader(UNIT_COLUMNS, ["楼栋编号", "房号", "面积", "客户名称", "联系人1", "联系人1电话"]);
    expect(old.missing).toEqual([]);
    expect(old.index.fromDate).toBeUndefined();
  });

  it("lists missing required columns and doubled ones", () => {
    const mapping = mapHeader(BUILDING_COLUMNS, ["小区", "community", "楼栋名称"]);
    expect(mapping.missing).toEqual(["buildingCode"]);
    expect(mapping.duplicated).toEqual(["community"]);
  });

  it("gives spreadsheet column letters", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });

  it("numbers rows as a spreadsheet does, skipping blank ones", async () => {
    const t = await tableOf(BUILDING_COLUMNS, [
      ["小区", "楼栋编号", "楼栋名称"],
      ["A", "1", "1栋"],
      [""],
      [",", ""],
      ["A", " 2 ", "2栋"],
    ]);
    expect(t.ok && t.table.rows.map((r) => [r.row, r.cells.buildingCode, r.cells.floors])).toEqual([
      [2, "1", ""],
      [4, "", ""],
      [5, "2", ""],
    ]);
  });
});

describe("cell words and export formatting", () => {
  it("knows unit types and household kinds in both languages", () => {
    expect(["住宅", "商铺", "车位", "Parking", " residential "].map((w) => lookupWord(UNIT_TYPE_WORDS, w))).toEqual([
      "residential",
      "commercial",
      "parking",
      "parking",
      "residential",
    ]);
    expect(["业主", "租户", "OWNER", "房东", "toString"].map((w) => lookupWord(HOUSEHOLD_KIND_WORDS, w))).toEqual([
      "owner",
      "tenant",
      "owner",
      undefined,
      undefined,
    ]);
  });

  it("writes areas without float noise", () => {
    expect([8900, 8950, 8935, 1, 100000000].map(formatArea)).toEqual(["89", "89.5", "89.35", "0.01", "1000000"]);
  });

  it("writes CSV with BOM and CRLF, guarding cells Excel would run as formulas but not negative numbers", () => {
    expect(toCsv([["a", "=1+1", "+x", "@y", "-1", "-2.5", "-z", 'q"uote', null], ["b"]])).toBe(
      `\ufeffa,"'=1+1","'+x","'@y",-1,-2.5,"'-z","q""uote",\r\nb`,
    );
  });
});
