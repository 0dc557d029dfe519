/** The CSV files of the bench scripts (bench:import, bench:loop, bench:pages). */
import fs from "node:fs";
import Papa from "papaparse";
import { toCsv } from "../../lib/csv";
import { headerOf, UNIT_COLUMNS } from "../../lib/registry/import/columns";

/** Buildings of the benches' 50,000-household CSV (bench:import, bench:loop). */
export const BUILDINGS = 50;

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚";

/**
 * A units-import CSV of `households` flats over buildings "1"…"`buildings`" (which must exist in
 * the community), written in blocks of rows so that generating it does not inflate a memory peak.
 */
export function writeUnitsCsv(file: string, households: number, buildings: number) {
  const fd = fs.openSync(file, "w");
  const perBuilding = Math.ceil(households / buildings);
  fs.writeSync(fd, toCsv([UNIT_COLUMNS.map(headerOf)]));
  for (let start = 0; start < households; start += 1000) {
    const rows: (string | number)[][] = [];
    for (let i = start; i < Math.min(households, start + 1000); i++) {
      const building = Math.floor(i / perBuilding) + 1;
      const k = i % perBuilding;
      const entrance = Math.floor(k / 400) + 1;
      const floor = Math.floor((k % 400) / 4) + 1;
      const room = (k % 4) + 1;
      const name = SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + GIVEN[(i * 13) % GIVEN.length];
      rows.push([
        String(building),
        `${entrance}-${floor}${String(room).padStart(2, "0")}`,
        floor,
        (60 + (i % 90) + (i % 4) * 0.25).toFixed(2),
        "住宅",
        "",
        name,
        i % 10 === 0 ? "租户" : "业主",
        name,
        `139${String(i).padStart(8, "0")}`,
        i % 2 === 0 ? `${name}家属` : "",
        i % 2 === 0 ? `138${String(i).padStart(8, "0")}` : "",
        i % 5 === 0 ? `owner${i}@example.cn` : "",
      ]);
    }
    fs.writeSync(fd, "\r\n" + Papa.unparse(rows, { newline: "\r\n" }));
  }
  fs.closeSync(fd);
}
