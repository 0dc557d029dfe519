import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // `import "server-only"` throws outside a React Server Component bundle; tests are plain Node.
      { find: /^server-only$/, replacement: path.join(root, "tests/support/empty.ts") },
      { find: /^@\//, replacement: `${root}/` },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", environment: "node", include: ["tests/unit/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/support/integration-setup.ts"],
          // Files run one after another: in remote mode they share one sqld server.
          fileParallelism: false,
          // Sized for a loaded machine (two cores shared with other work); the seed tests set more.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
