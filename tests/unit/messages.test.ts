import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
}

describe("message files", () => {
  const zhKeys = keys(zh as Tree);
  const enKeys = keys(en as Tree);

  it("have exactly the same keys in both languages", () => {
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    const get = (tree: Tree, key: string) => key.split(".").reduce<string | Tree>((t, k) => (t as Tree)[k], tree) as string;
    const mismatched = zhKeys.filter((k) => placeholders(get(zh as Tree, k)).join() !== placeholders(get(en as Tree, k)).join());
    expect(mismatched).toEqual([]);
  });

  it("have no empty strings", () => {
    const get = (tree: Tree, key: string) => key.split(".").reduce<string | Tree>((t, k) => (t as Tree)[k], tree) as string;
    expect(zhKeys.filter((k) => !get(zh as Tree, k).trim())).toEqual([]);
    expect(enKeys.filter((k) => !get(en as Tree, k).trim())).toEqual([]);
  });
});
