"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useFieldArray } from "react-hook-form";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { LEAVE_TYPES } from "@/db/schema/approvals";
import type { RequestType } from "@/lib/approvals/rules";
import { MONEY_TYPES } from "@/lib/approvals/rules";
import type { SchemaAction } from "@/lib/actions/result";
import { requestSchema } from "@/lib/approvals/schemas";
import { parseYuan } from "@/lib/billing/rules";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";

export interface RequestDefaults {
  id?: number;
  communityId: string;
  categoryId: string;
  title: string;
  description: string;
  amount: string;
  lines: { item: string; quantity: string; unitPrice: string }[];
  party: string;
  termFrom: string;
  termTo: string;
  receipts: string;
  leaveType: string;
  leaveFrom: string;
  leaveTo: string;
}

/** The form's state: the action form, the procurement lines with their live total, and the two submit buttons. */
type SaveRequestAction = SchemaAction<typeof requestSchema, { id: number }>;

function useRequestForm(type: RequestType, defaults: RequestDefaults, saveRequestAction: SaveRequestAction) {
  const router = useRouter();
  const { form, onSubmit, errorOf, formError, submitting } = useActionForm(requestSchema, saveRequestAction, {
    defaultValues: {
      ...defaults,
      leaveType: defaults.leaveType as "",
      id: defaults.id ?? "",
      type,
      total: "",
      submit: true,
    },
    onSuccess: (data) => router.push(`/staff/approvals/${data.id}`),
  });
  const lines = useFieldArray({ control: form.control, name: "lines" });
  const watched = form.watch("lines") ?? [];
  const totalFen = watched.reduce(
    (n, l) =>
      n + (Number.isInteger(Number(l.quantity)) ? Number(l.quantity) : 0) * (parseYuan(String(l.unitPrice ?? "")) ?? 0),
    0,
  );
  const send = (submit: boolean) => (e: React.MouseEvent) => {
    e.preventDefault();
    form.setValue("submit", submit);
    if (type === "procurement") form.setValue("total", (totalFen / 100).toFixed(2));
    void onSubmit();
  };
  return { form, onSubmit, errorOf, formError, submitting, lines, totalFen, send };
}

type RequestFormState = ReturnType<typeof useRequestForm>;

/**
 * One form for every request type (the fields follow the type). Procurement lines show a live
 * total; the server sums the lines again and ignores the total sent. "Save draft" keeps it
 * editable; "Submit" sends it into its approval chain.
 */
export function RequestForm({
  saveRequestAction,
  type,
  defaults,
  communities,
  categories,
}: {
  saveRequestAction: SaveRequestAction;
  type: RequestType;
  defaults: RequestDefaults;
  communities: { id: number; name: string }[];
  categories: { id: number; label: string }[];
}) {
  const t = useTranslations("approvals");
  const tr = useTranslations();
  const locale = useLocale() as Locale;
  const ctl = useRequestForm(type, defaults, saveRequestAction);
  const { form, errorOf, formError, submitting, send } = ctl;
  const money = MONEY_TYPES.includes(type);
  return (
    <form
      noValidate
      className="grid gap-3 sm:grid-cols-2"
      data-testid="request-form"
      onSubmit={send(true) as unknown as React.FormEventHandler}
    >
      <SelectField
        label={t("fields.community")}
        error={errorOf("communityId")}
        options={communities.map((c) => ({ value: c.id, label: c.name }))}
        {...form.register("communityId")}
      />
      {money ? (
        <SelectField
          label={t("fields.category")}
          error={errorOf("categoryId")}
          options={[
            { value: "", label: t("chooseCategory") },
            ...categories.map((c) => ({ value: c.id, label: c.label })),
          ]}
          {...form.register("categoryId")}
        />
      ) : (
        <div className="hidden sm:block" />
      )}
      <Field label={t("fields.title")} error={errorOf("title")} className="sm:col-span-2" {...form.register("title")} />
      <TypeFields type={type} ctl={ctl} />
      {type === "procurement" ? <ProcurementLines ctl={ctl} locale={locale} /> : null}
      <label className="sm:col-span-2">
        <span className="mb-1 block text-sm font-medium text-slate-700">{t("fields.description")}</span>
        <textarea
          rows={3}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-base sm:text-sm"
          {...form.register("description")}
        />
      </label>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={submitting} onClick={send(true)}>
          {defaults.id ? t("actions.resubmit") : t("actions.submit")}
        </Button>
        <Button type="button" variant="secondary" disabled={submitting} onClick={send(false)}>
          {t("actions.saveDraft")}
        </Button>
        {formError ? (
          <span role="alert" className="text-sm text-red-600">
            {tr(formError)}
          </span>
        ) : null}
      </div>
    </form>
  );
}

function TypeFields({ type, ctl }: { type: RequestType; ctl: RequestFormState }) {
  const t = useTranslations("approvals");
  const { form, errorOf } = ctl;
  return (
    <>
      {type === "contract" ? (
        <>
          <Field label={t("fields.party")} error={errorOf("party")} {...form.register("party")} />
          <Field
            label={t("fields.amount")}
            inputMode="decimal"
            error={errorOf("amount")}
            {...form.register("amount")}
          />
          <Field label={t("fields.termFrom")} type="date" error={errorOf("termFrom")} {...form.register("termFrom")} />
          <Field label={t("fields.termTo")} type="date" error={errorOf("termTo")} {...form.register("termTo")} />
        </>
      ) : null}
      {type === "expense" ? (
        <>
          <Field
            label={t("fields.amount")}
            inputMode="decimal"
            error={errorOf("amount")}
            {...form.register("amount")}
          />
          <Field label={t("fields.receipts")} error={errorOf("receipts")} {...form.register("receipts")} />
        </>
      ) : null}
      {type === "leave" ? (
        <>
          <SelectField
            label={t("fields.leaveType")}
            error={errorOf("leaveType")}
            options={[
              { value: "", label: t("chooseLeaveType") },
              ...LEAVE_TYPES.map((l) => ({ value: l, label: t(`leaveTypes.${l}`) })),
            ]}
            {...form.register("leaveType")}
          />
          <div className="hidden sm:block" />
          <Field
            label={t("fields.leaveFrom")}
            type="date"
            error={errorOf("leaveFrom")}
            {...form.register("leaveFrom")}
          />
          <Field label={t("fields.leaveTo")} type="date" error={errorOf("leaveTo")} {...form.register("leaveTo")} />
        </>
      ) : null}
    </>
  );
}

function ProcurementLines({ ctl, locale }: { ctl: RequestFormState; locale: Locale }) {
  const t = useTranslations("approvals");
  const tr = useTranslations();
  const { form, errorOf, lines, totalFen } = ctl;
  return (
    <fieldset className="sm:col-span-2">
      <legend className="mb-2 text-sm font-medium text-slate-700">{t("fields.lines")}</legend>
      <div className="space-y-2">
        {lines.fields.map((f, i) => (
          <div key={f.id} className="grid grid-cols-[1fr_6rem_8rem_auto] items-start gap-2" data-testid={`line-${i}`}>
            <Field label={t("fields.item")} error={errorOf(`lines.${i}.item`)} {...form.register(`lines.${i}.item`)} />
            <Field
              label={t("fields.quantity")}
              inputMode="numeric"
              error={errorOf(`lines.${i}.quantity`)}
              {...form.register(`lines.${i}.quantity`)}
            />
            <Field
              label={t("fields.unitPrice")}
              inputMode="decimal"
              error={errorOf(`lines.${i}.unitPrice`)}
              {...form.register(`lines.${i}.unitPrice`)}
            />
            <Button type="button" variant="ghost" className="mt-6" onClick={() => lines.remove(i)}>
              {t("removeLine")}
            </Button>
          </div>
        ))}
      </div>
      {errorOf("lines") ? (
        <p role="alert" className="mt-1 text-sm text-red-600">
          {tr(errorOf("lines")!)}
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <Button
          type="button"
          variant="secondary"
          onClick={() => lines.append({ item: "", quantity: "1", unitPrice: "" })}
        >
          {t("addLine")}
        </Button>
        <p className="text-sm">
          {t("fields.total")}:{" "}
          <strong data-testid="live-total" className="tabular-nums">
            {formatFen(totalFen, locale)}
          </strong>
          <span className="ml-2 text-xs text-slate-500">{t("totalHint")}</span>
        </p>
      </div>
    </fieldset>
  );
}
