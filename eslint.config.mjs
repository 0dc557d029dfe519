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
