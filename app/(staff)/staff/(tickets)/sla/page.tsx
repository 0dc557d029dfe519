import { getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { buttonClass, inputClass, labelClass } from "@/components/tickets/order-bits";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { SEVERITIES, WORK_ORDER_TYPES } from "@/db/schema/tickets";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { listSla } from "@/lib/tickets/catalog";
import { defaultSla } from "@/lib/tickets/rules";
import { setSlaAction } from "./actions";

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
      <div>
        <label htmlFor="sla-type" className={labelClass}>
          {t("common.type")}
        </label>
        <select id="sla-type" name="type" className={inputClass}>
          {WORK_ORDER_TYPES.map((ty) => (
            <option key={ty} value={ty}>
              {t(`type.${ty}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="sla-severity" className={labelClass}>
          {t("common.severity")}
        </label>
        <select id="sla-severity" name="severity" defaultValue="normal" className={inputClass}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`severity.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="sla-accept" className={labelClass}>
          {t("sla.acceptMinutes")}
        </label>
        <input id="sla-accept" name="acceptMinutes" type="number" min={1} className={inputClass} />
        <FieldError name="acceptMinutes" />
      </div>
      <div>
        <label htmlFor="sla-resolve" className={labelClass}>
          {t("sla.resolveMinutes")}
        </label>
        <input id="sla-resolve" name="resolveMinutes" type="number" min={1} className={inputClass} />
        <FieldError name="resolveMinutes" />
      </div>
      <div className="pt-6">
        <button type="submit" className={buttonClass}>
          {t("sla.save")}
        </button>
      </div>
    </ActionForm>
  );
}
