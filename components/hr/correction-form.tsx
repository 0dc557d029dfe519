"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormFooter } from "@/components/registry/form-footer";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { attendanceCorrectionSchema } from "@/lib/hr/schemas";
import type { SchemaAction } from "@/lib/actions/result";

/** HR corrects one entry: person, date, in/out, time and a reason (kept in the audit log). */
export function CorrectionForm({
  correctAttendanceAction,
  people,
  defaultDate,
}: {
  correctAttendanceAction: SchemaAction<typeof attendanceCorrectionSchema>;
  people: { userId: number; name: string; employeeNo: string }[];
  defaultDate: string;
}) {
  const t = useTranslations("hr.sheet");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(
    attendanceCorrectionSchema,
    correctAttendanceAction,
    {
      defaultValues: { userId: "", workDate: defaultDate, kind: "in", time: "09:00", reason: "" },
      onSuccess: () => {
        setSaved(true);
        form.setValue("reason", "");
        router.refresh();
      },
    },
  );
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
      onChange={() => setSaved(false)}
    >
      <SelectField
        label={t("person")}
        error={errorOf("userId")}
        options={[
          { value: "", label: t("choosePerson") },
          ...people.map((p) => ({ value: p.userId, label: `${p.employeeNo} ${p.name}` })),
        ]}
        {...form.register("userId")}
      />
      <Field label={t("date")} type="date" error={errorOf("workDate")} {...form.register("workDate")} />
      <SelectField
        label={t("kind")}
        error={errorOf("kind")}
        options={[
          { value: "in", label: t("kindIn") },
          { value: "out", label: t("kindOut") },
        ]}
        {...form.register("kind")}
      />
      <Field label={t("time")} type="time" error={errorOf("time")} {...form.register("time")} />
      <Field label={t("reason")} error={errorOf("reason")} {...form.register("reason")} />
      <div className="sm:col-span-2 lg:col-span-5">
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("correct")} />
      </div>
    </form>
  );
}
