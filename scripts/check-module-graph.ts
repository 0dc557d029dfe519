import { createRequire } from "node:module";
import { libFolderEdges, loopImports, loops, type ImportGraph } from "./lint/module-graph";

/**
 * `npm run lint:cycles` (part of `npm run lint`): fails on any file import cycle in lib, app,
 * components, db and scripts, and on any loop between lib's top-level folders (kernel pieces,
 * modules, flows, the schedule): each folder may only import folders it does not reach back from.
 */
interface MadgeResult {
  obj(): ImportGraph;
  circular(): string[][];
}
type Madge = (paths: string[], config: Record<string, unknown>) => Promise<MadgeResult>;

const madge = createRequire(import.meta.url)("madge") as Madge;

async function main(): Promise<number> {
  const result = await madge(["lib", "app", "components", "db", "scripts"], {
    fileExtensions: ["ts", "tsx"],
    tsConfig: "tsconfig.json",
  });
  const graph = result.obj();
  const cycles = result.circular();
  for (const cycle of cycles) console.error(`file import cycle: ${cycle.join(" → ")} → ${cycle[0]}`);
  const folderLoops = loops(libFolderEdges(graph));
  for (const loop of folderLoops) {
    console.error(`lib folders in an import loop: ${loop.join(", ")}`);
    for (const line of loopImports(graph, loop)) console.error(`  ${line}`);
  }
  if (cycles.length || folderLoops.length) return 1;
  console.log(`module graph: ${Object.keys(graph).length} files, no file cycle, no loop between lib folders`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
