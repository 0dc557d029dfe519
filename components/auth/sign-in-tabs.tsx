"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { SchemaAction } from "@/lib/actions/result";
import type { requestCodeSchema } from "@/lib/tenancy/schemas";
import type { emptySchema } from "@/lib/tenancy/schemas";
import { PhoneCodeForm } from "./phone-code-form";
import { SignInForm } from "./sign-in-form";

/** The sign-in page's two ways in: password, or phone + SMS code. */
export function SignInTabs({
  applySavedLocale,
  requestCode,
  next,
}: {
  applySavedLocale: SchemaAction<typeof emptySchema>;
  requestCode: SchemaAction<typeof requestCodeSchema>;
  next: string;
}) {
  const t = useTranslations("auth");
  const [tab, setTab] = useState<"password" | "code">("password");
  const tabClass = (on: boolean) =>
    `flex-1 rounded-md px-3 py-2 text-sm font-medium ${on ? "bg-white text-brand-700 shadow-sm" : "text-slate-600"}`;
  return (
    <>
      <div role="tablist" className="mb-4 flex gap-1 rounded-lg bg-slate-100 p-1">
        <button
          type="button"
          role="tab"
          aria-selected={tab === "password"}
          className={tabClass(tab === "password")}
          onClick={() => setTab("password")}
        >
          {t("passwordTab")}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === "code"}
          className={tabClass(tab === "code")}
          onClick={() => setTab("code")}
        >
          {t("phoneCodeTab")}
        </button>
      </div>
      <div role="tabpanel">
        {tab === "password" ? (
          <SignInForm applySavedLocale={applySavedLocale} next={next} />
        ) : (
          <PhoneCodeForm requestCode={requestCode} afterSignIn={() => applySavedLocale({})} next={next} />
        )}
      </div>
    </>
  );
}
