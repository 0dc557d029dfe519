import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadMessages, MODULE_NAMESPACES } from "@/lib/i18n/messages";
import { LOCALES } from "@/lib/i18n/config";

type Tree = { [key: string]: string | Tree };

const read = (file: string) => JSON.parse(fs.readFileSync(path.join("messages", file), "utf8")) as Tree;

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

function placeholders(text: string): string {
  return [...text.matchAll(/\{(\w+)/g)]
    .map((m) => m[1])
    .sort()
    .join();
}

const files = [
  ["core", "zh-CN.json", "en.json"] as const,
  ...MODULE_NAMESPACES.map((ns) => [ns, `${ns}/zh-CN.json`, `${ns}/en.json`] as const),
];

describe.each(files)("messages: %s", (_name, zhFile, enFile) => {
  const zh = flatten(read(zhFile));
  const en = flatten(read(enFile));

  it("have exactly the same keys in both languages", () => {
    expect([...zh.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !zh.has(k))).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    expect([...zh.keys()].filter((k) => en.has(k) && placeholders(zh.get(k)!) !== placeholders(en.get(k)!))).toEqual(
      [],
    );
  });

  it("have no empty strings", () => {
    expect([...zh, ...en].filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
  });
});

describe("module namespaces", () => {
  it("do not shadow a shared namespace", () => {
    const core = read("zh-CN.json");
    expect(MODULE_NAMESPACES.filter((ns) => ns in core)).toEqual([]);
  });

  it("every module folder is registered", () => {
    const dirs = fs
      .readdirSync("messages", { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(dirs.sort()).toEqual([...MODULE_NAMESPACES].sort());
  });

  it.each(LOCALES)("the %s bundle holds the shared file and exactly every module file", async (locale) => {
    const expected: Tree = { ...read(`${locale}.json`) };
    for (const ns of MODULE_NAMESPACES) expected[ns] = read(`${ns}/${locale}.json`);
    expect(await loadMessages(locale)).toEqual(expected);
  });
});
