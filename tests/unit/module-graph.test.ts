import { describe, expect, it } from "vitest";
import { libFolderEdges, libFolderOf, loopImports, loops } from "@/scripts/lint/module-graph";

describe("lib folder loops (npm run lint:cycles)", () => {
  it("names lib's top-level folder or file, nothing outside lib", () => {
    expect(libFolderOf("lib/crm/arrears/run.ts")).toBe("crm");
    expect(libFolderOf("lib/env.ts")).toBe("env.ts");
    expect(libFolderOf("app/page.tsx")).toBeNull();
    expect(libFolderOf("db/schema/index.ts")).toBeNull();
  });

  it("finds the loop the issue names and the kernel's db ⇄ env.ts", () => {
    const graph = {
      "lib/tenancy/commands.ts": ["lib/privacy/consent.ts", "lib/db/client.ts"],
      "lib/privacy/export.ts": ["lib/tickets/attachments.ts"],
      "lib/tickets/access.ts": ["lib/registry/queries.ts"],
      "lib/registry/holdings.ts": ["lib/tenancy/queries.ts"],
      "lib/db/index.ts": ["lib/env.ts"],
      "lib/env.ts": ["lib/db/threads/config.ts"],
      "lib/flows/x.ts": ["lib/tenancy/commands.ts"],
      "app/page.tsx": ["lib/flows/x.ts"],
    };
    expect(loops(libFolderEdges(graph))).toEqual([
      ["db", "env.ts"],
      ["privacy", "registry", "tenancy", "tickets"],
    ]);
    expect(loopImports(graph, ["db", "env.ts"])).toEqual([
      "lib/db/index.ts → lib/env.ts",
      "lib/env.ts → lib/db/threads/config.ts",
    ]);
  });

  it("passes a layered graph and ignores imports inside one folder", () => {
    const graph = {
      "lib/flows/sign-up.ts": ["lib/tenancy/commands.ts", "lib/privacy/consent.ts"],
      "lib/privacy/consent.ts": ["lib/db/client.ts", "lib/privacy/rules.ts"],
      "lib/privacy/rules.ts": ["lib/privacy/consent.ts"],
      "lib/tenancy/commands.ts": ["lib/db/client.ts", "lib/validation.ts"],
      "lib/db/index.ts": ["lib/env.ts"],
    };
    expect(libFolderEdges(graph).get("flows")).toEqual(new Set(["tenancy", "privacy"]));
    expect(loops(libFolderEdges(graph))).toEqual([]);
  });
});
