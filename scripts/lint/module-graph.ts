/**
 * Pure helpers over an import graph (file → the files it imports, paths from the project root),
 * used by scripts/check-module-graph.ts: which of lib's top-level folders form import loops.
 */
export type ImportGraph = Record<string, readonly string[]>;

/** lib's top-level folder (or file, e.g. `env.ts`) a path belongs to; null outside lib. */
export function libFolderOf(file: string): string | null {
  const parts = file.split("/");
  return parts[0] === "lib" && parts.length > 1 ? parts[1] : null;
}

/** The folder → folders graph of the imports between different top-level folders of lib. */
export function libFolderEdges(graph: ImportGraph): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [from, targets] of Object.entries(graph)) {
    const a = libFolderOf(from);
    if (!a) continue;
    if (!edges.has(a)) edges.set(a, new Set());
    for (const to of targets) {
      const b = libFolderOf(to);
      if (b && b !== a) edges.get(a)!.add(b);
    }
  }
  return edges;
}

/** Strongly connected components of more than one node (Tarjan), each sorted, in name order. */
export function loops(edges: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return found.sort((x, y) => x[0].localeCompare(y[0]));
}

/** For a message: the file imports that make up one loop's folder edges, "a/x.ts → b/y.ts". */
export function loopImports(graph: ImportGraph, loop: readonly string[]): string[] {
  const members = new Set(loop);
  const lines: string[] = [];
  for (const [from, targets] of Object.entries(graph))
    for (const to of targets) {
      const a = libFolderOf(from);
      const b = libFolderOf(to);
      if (a && b && a !== b && members.has(a) && members.has(b)) lines.push(`${from} → ${to}`);
    }
  return lines.sort();
}
