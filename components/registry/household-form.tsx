"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useFieldArray } from "react-hook-form";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { HOUSEHOLD_KINDS } from "@/db/schema/registry";
import type { SchemaAction } from "@/lib/actions/result";
import { householdSchema, householdUpdateSchema } from "@/lib/registry/schemas";
import { FormFooter } from "./form-footer";

export interface UnitOption {
  id: number;
  label: string;
}

interface Initial {
  id?: number;
  name: string;
  kind: (typeof HOUSEHOLD_KINDS)[number];
  unitIds: number[];
  contacts: { name: string; phone: string; email: string }[];
}

/** Both action forms (create, update) and the one in use, with the contacts field array. */
interface HouseholdActions {
  createHouseholdAction: SchemaAction<typeof householdSchema, { id: number }>;
  updateHouseholdAction: SchemaAction<typeof householdUpdateSchema>;
}

function useHouseholdForm(
  initial: Initial | undefined,
  { createHouseholdAction, updateHouseholdAction }: HouseholdActions,
) {
  const router = useRouter();
  const editing = initial?.id !== undefined;
  const defaults = {
    name: initial?.name ?? "",
    kind: initial?.kind ?? "owner",
    unitIds: (initial?.unitIds ?? []).map(String),
    contacts: initial?.contacts ?? [{ name: "", phone: "", email: "" }],
    fromDate: "",
  };
  const create = useActionForm(householdSchema, createHouseholdAction, {
    defaultValues: defaults,
    onSuccess: ({ id }) => router.push(`/staff/registry/households/${id}`),
  });
  const update = useActionForm(householdUpdateSchema, updateHouseholdAction, {
    defaultValues: { ...defaults, id: initial?.id ?? 0 },
    onSuccess: () => router.push(`/staff/registry/households/${initial?.id}`),
  });
  // One of the two is used; both hooks run so the hook order never changes.
  const { form, onSubmit, errorOf, formError, submitting } = (editing ? update : create) as typeof create;
  const contacts = useFieldArray({ control: form.control, name: "contacts" });
  return { editing, form, onSubmit, errorOf, formError, submitting, contacts };
}

type HouseholdFormState = ReturnType<typeof useHouseholdForm>;

/** Create or edit a household: name, owner/tenant, the units it holds, contacts (the first is primary). */
export function HouseholdForm({
  units,
  initial,
  ...actions
}: HouseholdActions & { units: UnitOption[]; initial?: Initial }) {
  const t = useTranslations("registry");
  const h = useHouseholdForm(initial, actions);
  const { editing, form, onSubmit, errorOf, formError, submitting } = h;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("householdName")} error={errorOf("name")} {...form.register("name")} />
        <SelectField
          label={t("householdKind")}
          options={HOUSEHOLD_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          error={errorOf("kind")}
          {...form.register("kind")}
        />
      </div>
      <UnitsFieldset units={units} h={h} />
      <ContactsFieldset h={h} />
      <FormFooter submitting={submitting} formError={formError} label={editing ? t("save") : t("createHousehold")} />
    </form>
  );
}

function UnitsFieldset({ units, h }: { units: UnitOption[]; h: HouseholdFormState }) {
  const t = useTranslations("registry");
  const tRoot = useTranslations();
  const { form, errorOf } = h;
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-700">{t("unitsHeld")}</legend>
      {units.length === 0 ? (
        <p className="text-sm text-slate-500">{t("noFreeUnits")}</p>
      ) : (
        <div className="grid max-h-64 grid-cols-2 gap-1 overflow-y-auto rounded-md p-2 ring-1 ring-slate-200 sm:grid-cols-4">
          {units.map((u) => (
            <label key={u.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={String(u.id)} className="accent-brand-600" {...form.register("unitIds")} />
              {u.label}
            </label>
          ))}
        </div>
      )}
      {errorOf("unitIds") ? (
        <p role="alert" className="mt-1 text-sm text-red-600">
          {tRoot(errorOf("unitIds")!)}
        </p>
      ) : null}
      <div className="mt-3 sm:w-1/2">
        <Field type="date" label={t("fromDate")} error={errorOf("fromDate")} {...form.register("fromDate")} />
      </div>
    </fieldset>
  );
}

function ContactsFieldset({ h }: { h: HouseholdFormState }) {
  const t = useTranslations("registry");
  const { form, errorOf, contacts } = h;
  return (
    <fieldset className="space-y-3">
      <legend className="mb-1 text-sm font-medium text-slate-700">{t("contacts")}</legend>
      {contacts.fields.map((field, i) => (
        <div
          key={field.id}
          className="grid gap-2 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end"
        >
          <Field
            label={i === 0 ? t("primaryContact") : t("contactName")}
            error={errorOf(`contacts.${i}.name`)}
            {...form.register(`contacts.${i}.name`)}
          />
          <Field
            label={t("phone")}
            type="tel"
            inputMode="tel"
            error={errorOf(`contacts.${i}.phone`)}
            {...form.register(`contacts.${i}.phone`)}
          />
          <Field
            label={t("email")}
            type="email"
            error={errorOf(`contacts.${i}.email`)}
            {...form.register(`contacts.${i}.email`)}
          />
          {i > 0 ? (
            <Button type="button" variant="ghost" onClick={() => contacts.remove(i)}>
              {t("remove")}
            </Button>
          ) : (
            <span />
          )}
        </div>
      ))}
      {contacts.fields.length < 10 ? (
        <Button type="button" variant="secondary" onClick={() => contacts.append({ name: "", phone: "", email: "" })}>
          {t("addContact")}
        </Button>
      ) : null}
    </fieldset>
  );
}
