"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormFooter } from "@/components/registry/form-footer";
import { Field } from "@/components/ui/field";
import { shiftSchema } from "@/lib/hr/schemas";
import type { SchemaAction } from "@/lib/actions/result";

/** Work hours: the company default (no userId) or one person's override. */
export function ShiftForm({
  setShiftAction,
  userId,
  start,
  end,
}: {
  setShiftAction: SchemaAction<typeof shiftSchema>;
  userId: number | null;
  start: string;
  end: string;
}) {
  const t = useTranslations("hr.shift");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(shiftSchema, setShiftAction, {
    defaultValues: { userId: userId ?? "", start, end },
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      onChange={() => setSaved(false)}
    >
      <Field label={t("start")} type="time" error={errorOf("start")} {...form.register("start")} />
      <Field label={t("end")} type="time" error={errorOf("end")} {...form.register("end")} />
      <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("save")} />
    </form>
  );
}
