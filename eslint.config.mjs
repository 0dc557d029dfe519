import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  // STYLE: billing never calls CRM — an effect that must share the payment's transaction goes
  // through lib/flows/ (lib/flows/record-payment.ts).
  {
    files: ["lib/billing/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/crm", "@/lib/crm/*", "**/crm/**"],
              message: "billing must not import crm: put the combined use case in lib/flows/",
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
