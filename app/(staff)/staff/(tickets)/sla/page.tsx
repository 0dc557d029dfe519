import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/tickets/action-form";
import { buttonClass } from "@/components/tickets/order-bits";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { SEVERITIES, WORK_ORDER_TYPES } from "@/db/schema/tickets";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { listSla } from "@/lib/tickets/catalog";
import { defaultSla } from "@/lib/tickets/rules";
import { setSlaAction } from "./actions";
import { Input, Select } from "@/components/forms/action-fields";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.sla"))("title") };
}

export default async function SlaPage() {
  const user = await requireUser(["admin"]);
  const t = await getTranslations("tickets");
  const rows = await listSla(getDb(), user.companyId);
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader title={t("sla.title")} subtitle={t("sla.subtitle")} />
      <Card>
        <SlaForm />
      </Card>
      <Card title={t("sla.overrides")}>
        {rows.length === 0 ? (
          <EmptyState>{t("sla.none")}</EmptyState>
        ) : (
          <Table
            head={[
              t("common.type"),
              t("common.severity"),
              t("sla.acceptMinutes"),
              t("sla.resolveMinutes"),
              t("sla.defaults"),
            ]}
          >
            {rows.map((r) => {
              const d = defaultSla(r.type, r.severity);
              return (
                <tr key={`${r.type}/${r.severity}`}>
                  <td>{t(`type.${r.type}`)}</td>
                  <td>{t(`severity.${r.severity}`)}</td>
                  <td className="tabular-nums">{r.acceptMinutes}</td>
                  <td className="tabular-nums">{r.resolveMinutes}</td>
                  <td className="text-xs tabular-nums text-slate-500">
                    {d.acceptMinutes} / {d.resolveMinutes}
                  </td>
                </tr>
              );
            })}
          </Table>
        )}
      </Card>
    </div>
  );
}

async function SlaForm() {
  const t = await getTranslations("tickets");
  return (
    <ActionForm action={setSlaAction} className="grid items-start gap-3 sm:grid-cols-5" testId="sla-form">
      <Select
        id="sla-type"
        name="type"
        label={t("common.type")}
        options={WORK_ORDER_TYPES.map((ty) => ({ value: ty, label: t(`type.${ty}`) }))}
      />
      <Select
        id="sla-severity"
        name="severity"
        label={t("common.severity")}
        defaultValue="normal"
        options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
      />
      <Input id="sla-accept" name="acceptMinutes" label={t("sla.acceptMinutes")} type="number" min={1} />
      <Input id="sla-resolve" name="resolveMinutes" label={t("sla.resolveMinutes")} type="number" min={1} />
      <div className="pt-6">
        <button type="submit" className={buttonClass}>
          {t("sla.save")}
        </button>
      </div>
    </ActionForm>
  );
}
