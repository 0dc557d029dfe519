#!/usr/bin/env node
/**
 * Adds or replaces message keys in both language files at once, keeping them in step:
 *   node scripts/i18n-set.mjs path/to/patch.json
 * where the patch is { "zh-CN": { ...nested keys... }, "en": { ...same keys... } }.
 * The patch is deep-merged; the files are rewritten with 2-space indentation.
 */
import fs from "node:fs";

const patch = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const merge = (target, source) => {
  for (const [k, v] of Object.entries(source)) {
    if (v && typeof v === "object" && !Array.isArray(v)) target[k] = merge(target[k] && typeof target[k] === "object" ? target[k] : {}, v);
    else target[k] = v;
  }
  return target;
};
for (const locale of ["zh-CN", "en"]) {
  if (!patch[locale]) throw new Error(`patch has no "${locale}" part`);
  const file = `messages/${locale}.json`;
  const current = JSON.parse(fs.readFileSync(file, "utf8"));
  fs.writeFileSync(file, JSON.stringify(merge(current, patch[locale]), null, 2) + "\n");
}
console.log("messages updated");
