"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { requestHouseholdSchema } from "@/lib/residents/schemas";
import { RelationPicker } from "./relation-picker";
import type { SchemaAction } from "@/lib/actions/result";

/** A signed-in resident asks to be linked to another household with its code. */
export function AddHouseholdForm({
  requestHouseholdAction,
}: {
  requestHouseholdAction: SchemaAction<typeof requestHouseholdSchema>;
}) {
  const t = useTranslations();
  const [sent, setSent] = useState(false);
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(
    requestHouseholdSchema,
    requestHouseholdAction,
    {
      defaultValues: { code: "", relation: "owner" },
      onSuccess: () => {
        setSent(true);
        form.reset();
      },
    },
  );
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate onChange={() => setSent(false)}>
      <p className="text-sm text-slate-600">{t("residents.add.help")}</p>
      <Field
        label={t("residents.register.code")}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        hint={t("residents.register.codeHint")}
        error={errorOf("code")}
        className="[&_input]:font-mono [&_input]:tracking-widest"
        {...form.register("code")}
      />
      <RelationPicker
        legend={t("residents.register.relation")}
        register={form.register("relation")}
        error={errorOf("relation")}
      />
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">
          {t(formError)}
        </p>
      ) : null}
      {sent ? (
        <p role="status" className="rounded-md bg-brand-50 p-2 text-sm text-brand-700">
          {t("residents.add.done")}{" "}
          <Link href="/home" className="font-medium underline">
            {t("residents.add.viewHome")}
          </Link>
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={submitting}>
        {submitting ? t("residents.add.submitting") : t("residents.add.submit")}
      </Button>
    </form>
  );
}
