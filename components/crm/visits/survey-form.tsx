"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { RatingPicker } from "@/components/crm/visits/rating-picker";
import { surveyAnswerSchema } from "@/lib/crm/visits/schemas";
import type { SchemaAction } from "@/lib/actions/result";

const QUESTIONS = ["overall", "butler", "cleaning", "security", "maintenance"] as const;

/** The survey on a phone: five rows of big 1–5 buttons and a comment box. */
export function SurveyForm({
  answerSurveyAction,
  surveyId,
  householdId,
}: {
  answerSurveyAction: SchemaAction<typeof surveyAnswerSchema>;
  surveyId: number;
  householdId: number;
}) {
  const t = useTranslations("visits.resident");
  const tAll = useTranslations();
  const router = useRouter();
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(surveyAnswerSchema, answerSurveyAction, {
    defaultValues: { surveyId, householdId, comment: "" },
    onSuccess: () => router.refresh(),
  });
  const commentError = errorOf("comment");
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {QUESTIONS.map((q) => (
        <RatingPicker
          key={q}
          name={q}
          label={t(q)}
          value={form.watch(q) as number | undefined}
          onChange={(n) => form.setValue(q, n, { shouldValidate: form.formState.isSubmitted })}
          error={errorOf(q)}
        />
      ))}
      <div>
        <label htmlFor="comment" className="mb-1 block text-sm font-medium text-slate-700">
          {t("comment")}
        </label>
        <textarea
          id="comment"
          rows={4}
          aria-invalid={commentError ? true : undefined}
          className={`block w-full rounded-md border px-3 py-2 text-base shadow-sm ${commentError ? "border-red-500" : "border-slate-300"}`}
          {...form.register("comment")}
        />
        {commentError ? (
          <p role="alert" className="mt-1 text-sm text-red-600">
            {tAll(commentError)}
          </p>
        ) : null}
      </div>
      {formError ? (
        <p role="alert" className="text-sm text-red-600">
          {tAll(formError)}
        </p>
      ) : null}
      <Button type="submit" disabled={submitting} className="h-12 w-full text-base">
        {submitting ? tAll("common.saving") : t("submit")}
      </Button>
    </form>
  );
}
