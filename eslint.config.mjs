import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layers (README "Architecture"): app → components → lib/cron (the schedule) → lib/flows →
// domain modules → the kernel → db. Each imports only the layers below it. These rules use
// `no-restricted-imports` on "@/…" paths (fast: no resolver); every import into lib/db/… is
// written "@/…" (relative imports stay inside one folder).
const KERNEL = ["env", "db", "time", "jobs", "validation", "actions", "auth", "audit", "i18n", "outbox", "csv", "http"];
const MODULES = [
  "tenancy",
  "registry",
  "residents",
  "tickets",
  "billing",
  "crm",
  "hr",
  "finance",
  "approvals",
  "portal",
  "privacy",
];
const under = (dirs) => dirs.flatMap((d) => [`@/lib/${d}`, `@/lib/${d}/*`, `@/lib/${d}.ts`]);
const NO_NEXT = {
  group: ["next", "next/*", "react", "react-dom", "react/*"],
  message: "lib holds no Next.js or React",
};
const NO_UP_FROM_LIB = { group: ["@/app/*", "@/components/*"], message: "lib never imports app or components" };
const NO_SCHEDULE = {
  group: under(["cron", "flows"]),
  message: "modules import lib/jobs, never lib/cron; flows stand above modules",
};
const NO_CRM = {
  group: ["@/lib/crm", "@/lib/crm/*", "**/crm/**"],
  message: "billing and tickets never import crm (CRM-EW reads their facts): put the combined use case in lib/flows/",
};
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const config = [
  ...nextVitals,
  ...nextTs,
  // db is the bottom layer.
  {
    files: ["db/**/*.ts"],
    rules: restrict({ group: ["@/lib/*", "**/lib/**"], message: "db imports nothing from lib" }),
  },
  // lib: no Next.js/React, nothing from app/components; the kernel imports no module, flow or schedule.
  { files: ["lib/**/*.ts", "lib/**/*.tsx"], rules: restrict(NO_NEXT, NO_UP_FROM_LIB) },
  {
    files: KERNEL.flatMap((k) => [`lib/${k}/**/*.ts`, `lib/${k}.ts`]),
    rules: restrict(NO_NEXT, NO_UP_FROM_LIB, {
      group: under([...MODULES, "flows", "cron"]),
      message: "the kernel imports no domain module, flow or schedule",
    }),
  },
  {
    files: MODULES.filter((m) => m !== "billing" && m !== "tickets").map((m) => `lib/${m}/**/*.ts`),
    rules: restrict(NO_NEXT, NO_UP_FROM_LIB, NO_SCHEDULE),
  },
  // STYLE: billing and tickets never call CRM-EW (it only reads their facts) — an effect that
  // must share their transaction goes through lib/flows/ (record-payment.ts, triage-complaint.ts).
  {
    files: ["lib/billing/**/*.ts", "lib/tickets/**/*.ts"],
    rules: restrict(NO_NEXT, NO_UP_FROM_LIB, NO_SCHEDULE, NO_CRM),
  },
  {
    files: ["lib/flows/**/*.ts"],
    rules: restrict(NO_NEXT, NO_UP_FROM_LIB, {
      group: under(["cron"]),
      message: "the schedule stands above the flows",
    }),
  },
  // components/ never import app/: a page imports its route's server actions and hands them to the
  // client components as props (typed with ActionFn/SchemaAction from lib/actions/result.ts).
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      ...restrict({ group: ["@/app/*"], message: "components never import app/: pass the server action in as a prop" }),
      // Components draw; they do not load. A section that reads the database lives beside its page
      // in app/ (e.g. app/(staff)/staff/_workbench/) and hands plain rows to components.
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db", "@/lib/db/*"],
              allowTypeImports: true,
              message: "components do not open the database: load in the page (app/) and pass the rows as props",
            },
          ],
        },
      ],
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./components",
              from: "./app",
              message: "components must not import app/: pass the server action in as a prop from the page",
            },
          ],
        },
      ],
    },
  },
  // Sizes (STYLE): no lib file over 300 lines, no function over 80 (every line, after Prettier).
  {
    files: ["lib/**/*.ts"],
    rules: { "max-lines": ["error", { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ["{app,components,lib,scripts}/**/*.{ts,tsx}"],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: false, skipComments: false }] },
  },
  // Every e2e spec imports `test` from tests/e2e/support/test.ts (or a fixture built on it): its
  // automatic page checks (no system Chinese on English pages, axe on every route) cover the spec.
  {
    files: ["tests/e2e/**/*.spec.ts"],
    rules: restrict({
      group: ["@playwright/test"],
      message: 'import from "../support/test" (it re-exports @playwright/test with the page checks)',
    }),
  },
  // Import cycles, and loops between lib's top-level folders, are checked by `npm run lint:cycles`
  // (scripts/check-module-graph.ts: madge over the whole tree, seconds): eslint's import/no-cycle
  // through the TypeScript resolver took over 10 minutes here.
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".cache/**",
      "data/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];
export default config;
