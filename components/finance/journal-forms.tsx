"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormFooter } from "@/components/registry/form-footer";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { journalSchema } from "@/lib/finance/schemas";
import type { ActionFn, SchemaAction } from "@/lib/actions/result";
import type { reversalSchema } from "@/lib/finance/schemas";

/** A manual adjustment: category, community (or company level), signed amount, date, reason. */
export function JournalForm({
  journalAction,
  categories,
  communities,
  today,
}: {
  journalAction: SchemaAction<typeof journalSchema>;
  categories: { id: number; label: string; user?: boolean }[];
  communities: { id: number; name: string }[];
  today: string;
}) {
  const t = useTranslations("finance.journal");
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(journalSchema, journalAction, {
    defaultValues: {
      categoryId: String(categories[0]?.id ?? ""),
      communityId: "",
      amount: "",
      occurredOn: today,
      reason: "",
    },
    onSuccess: () => {
      setSaved(true);
      form.reset({ ...form.getValues(), amount: "", reason: "" });
      router.refresh();
    },
  });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-3 sm:grid-cols-2"
      onChange={() => setSaved(false)}
      data-testid="journal-form"
    >
      <SelectField
        label={t("category")}
        error={errorOf("categoryId")}
        options={categories.map((c) => ({ value: c.id, label: c.label, user: c.user }))}
        {...form.register("categoryId")}
      />
      <SelectField
        label={t("community")}
        error={errorOf("communityId")}
        options={[
          { value: "", label: t("noCommunity") },
          ...communities.map((c) => ({ value: c.id, label: c.name, user: true })),
        ]}
        {...form.register("communityId")}
      />
      <Field label={t("amount")} inputMode="decimal" error={errorOf("amount")} {...form.register("amount")} />
      <Field label={t("date")} type="date" error={errorOf("occurredOn")} {...form.register("occurredOn")} />
      <Field label={t("reason")} error={errorOf("reason")} className="sm:col-span-2" {...form.register("reason")} />
      <div className="sm:col-span-2">
        <FormFooter submitting={submitting} saved={saved} formError={formError} label={t("post")} />
      </div>
    </form>
  );
}

/** Reverses one entry with a reason (asked in a prompt). */
export function ReverseButton({
  reverseAction,
  entryId,
  today,
}: {
  reverseAction: SchemaAction<typeof reversalSchema>;
  entryId: number;
  today: string;
}) {
  const t = useTranslations("finance.journal");
  const tr = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="ghost"
        className="px-2 py-1 text-xs"
        onClick={async () => {
          const reason = window.prompt(t("reverseReason"));
          if (reason === null) return;
          const res = await reverseAction({ entryId, occurredOn: today, reason });
          if (res.ok) router.refresh();
          else setError(Object.values(res.fieldErrors ?? {})[0]?.[0] ?? res.message);
        }}
      >
        {t("reverse")}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {tr(error)}
        </span>
      ) : null}
    </span>
  );
}

/** Runs the posting job (income from payments) for this company now. */
export function PostNowButton({
  postActualsAction,
}: {
  postActualsAction: ActionFn<Record<string, never>, { n: number }>;
}) {
  const t = useTranslations("finance.journal");
  const router = useRouter();
  const [done, setDone] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const res = await postActualsAction({});
          setBusy(false);
          if (res.ok) {
            setDone(res.data.n);
            router.refresh();
          }
        }}
      >
        {t("postNow")}
      </Button>
      {done !== null ? (
        <span role="status" className="text-sm text-brand-700">
          {t("postedNow", { n: done })}
        </span>
      ) : null}
    </span>
  );
}
