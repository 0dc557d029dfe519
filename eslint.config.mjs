import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  // STYLE: billing and tickets never call CRM-EW (it only reads their facts) — an effect that
  // must share their transaction goes through lib/flows/ (record-payment.ts, triage-complaint.ts).
  {
    files: ["lib/billing/**/*.ts", "lib/tickets/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/crm", "@/lib/crm/**", "**/crm/**"],
              message: "billing and tickets must not import crm: put the combined use case in lib/flows/",
            },
          ],
        },
      ],
    },
  },
  // ── UI layers (issue 13, ui branch) ─────────────────────────────────────────────────────────
  // components/ never import app/: a page imports its route's server actions and hands them to the
  // client components as props (typed with ActionFn/SchemaAction from lib/actions/result.ts).
  // If another block configures import/no-restricted-paths for components/**, merge this zone into it
  // (a later config of the same rule replaces the options of an earlier one).
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
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
  // lib/ holds no Next.js or React (navigation, page guards, session cache and styles live in app/ or
  // components/). A separate rule key from the core no-restricted-imports so it does not replace the
  // per-module blocks above/below (billing must not import crm). `server-only` stays allowed.
  {
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(next|react|react-dom)(/.*)?$",
              message: "lib holds no Next.js or React: put Next/React glue in app/_lib/ or components/",
            },
          ],
        },
      ],
    },
  },
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
