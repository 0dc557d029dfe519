#!/usr/bin/env node
/**
 * Adds or replaces message keys in both languages at once, keeping them in step:
 *   node scripts/i18n-set.mjs patch.json            → messages/<locale>.json (shared namespaces)
 *   node scripts/i18n-set.mjs patch.json registry   → messages/registry/<locale>.json (a module)
 * The patch is { "zh-CN": { ...nested keys... }, "en": { ...same keys... } }, deep-merged.
 */
import fs from "node:fs";
import path from "node:path";

const [patchFile, moduleName] = process.argv.slice(2);
const patch = JSON.parse(fs.readFileSync(patchFile, "utf8"));
const merge = (target, source) => {
  for (const [k, v] of Object.entries(source)) {
    if (v && typeof v === "object" && !Array.isArray(v))
      target[k] = merge(target[k] && typeof target[k] === "object" ? target[k] : {}, v);
    else target[k] = v;
  }
  return target;
};
for (const locale of ["zh-CN", "en"]) {
  if (!patch[locale]) throw new Error(`patch has no "${locale}" part`);
  const file = moduleName
    ? path.join("messages", moduleName, `${locale}.json`)
    : path.join("messages", `${locale}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  fs.writeFileSync(file, JSON.stringify(merge(current, patch[locale]), null, 2) + "\n");
}
console.log(`messages updated${moduleName ? ` (${moduleName})` : ""}`);
