import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * A loading.tsx sends the 200 status with its skeleton before the page below it renders, so a
 * notFound()/forbidden() there can only swap the body: the status stays 200. Every page and
 * nested layout a loading boundary wraps must therefore never refuse (README: "Loading states").
 */
const APP = path.resolve(__dirname, "../../app");
const REFUSES = /\bnotFound\(|\bforbidden\(|_lib\/registry-guards/;

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

const files = walk(APP);
const boundaries = files.filter((f) => path.basename(f) === "loading.tsx").map((f) => path.dirname(f));

describe("loading boundaries", () => {
  it("finds the resident index skeletons", () => {
    expect(boundaries.length).toBeGreaterThan(0);
  });

  it.each(boundaries.map((d) => [path.relative(APP, d)]))(
    "nothing below app/%s/loading.tsx refuses a request",
    (rel) => {
      const dir = path.join(APP, rel);
      const wrapped = files.filter((f) => {
        if (!f.startsWith(dir + path.sep)) return false;
        const name = path.basename(f);
        if (name === "page.tsx") return true;
        // A layout beside the loading.tsx renders outside its boundary; deeper ones inside it.
        return name === "layout.tsx" && path.dirname(f) !== dir;
      });
      const refusing = wrapped.filter((f) => {
        const src = fs.readFileSync(f, "utf8");
        return REFUSES.test(src) || (path.basename(f) === "layout.tsx" && /\brequireUser\(/.test(src));
      });
      expect(refusing.map((f) => path.relative(APP, f))).toEqual([]);
    },
  );
});
