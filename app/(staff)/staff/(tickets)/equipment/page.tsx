import { getTranslations } from "next-intl/server";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { buttonClass, inputClass, labelClass } from "@/components/tickets/order-bits";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { EQUIPMENT_KINDS, PLAN_INTERVALS } from "@/db/schema/tickets";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { listCommunities } from "@/lib/registry/directory";
import { EQUIPMENT_EDIT_ROLES, EQUIPMENT_ROLES } from "@/lib/tickets/access";
import { listEquipment } from "@/lib/tickets/catalog-queries";
import { createEquipmentAction, createPlanAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("tickets.equipment"))("title") };
}

type Items = Awaited<ReturnType<typeof listEquipment>>;

export default async function EquipmentPage() {
  const user = await requireUser(EQUIPMENT_ROLES);
  const t = await getTranslations("tickets");
  const db = getDb();
  const [items, communityRows] = await Promise.all([
    listEquipment(db, user.companyId),
    listCommunities(db, user.companyId, "all"),
  ]);
  const canEdit = user.roles.some((r) => EQUIPMENT_EDIT_ROLES.includes(r));
  return (
    <div className="space-y-4">
      <PageHeader title={t("equipment.title")} subtitle={t("equipment.subtitle")} />
      <EquipmentTable items={items} />
      {canEdit ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <EquipmentForm communityRows={communityRows} />
          {items.length ? <PlanForm items={items} /> : null}
        </div>
      ) : null}
    </div>
  );
}

async function EquipmentTable({ items }: { items: Items }) {
  const t = await getTranslations("tickets");
  return (
    <Card>
      {items.length === 0 ? (
        <EmptyState>{t("equipment.empty")}</EmptyState>
      ) : (
        <Table
          head={[
            t("equipment.name"),
            t("equipment.kind"),
            t("equipment.community"),
            t("equipment.location"),
            t("equipment.plans"),
          ]}
        >
          {items.map((e) => (
            <tr key={e.id}>
              <td className="font-medium">{e.name}</td>
              <td>{t(`equipmentKind.${e.kind}`)}</td>
              <td>{e.communityName}</td>
              <td>{e.location ?? "—"}</td>
              <td>
                {e.plans.length === 0 ? (
                  <span className="text-slate-400">{t("equipment.noPlans")}</span>
                ) : (
                  <ul className="space-y-1">
                    {e.plans.map((p) => (
                      <li key={p.id}>
                        <span className="font-medium">{p.title}</span>{" "}
                        <span className="text-xs text-slate-500">
                          {t("equipment.everyText", { every: p.every, interval: t(`interval.${p.interval}`) })} ·{" "}
                          {p.startDate}
                        </span>
                        <div className="text-xs text-slate-500">{p.checklist.join(" / ")}</div>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

async function EquipmentForm({ communityRows }: { communityRows: Awaited<ReturnType<typeof listCommunities>> }) {
  const t = await getTranslations("tickets");
  return (
    <Card title={t("equipment.add")}>
      <ActionForm action={createEquipmentAction} className="space-y-3" testId="equipment-form">
        <div>
          <label htmlFor="eq-community" className={labelClass}>
            {t("equipment.community")}
          </label>
          <select id="eq-community" name="communityId" className={inputClass}>
            {communityRows.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError name="communityId" />
        </div>
        <div>
          <label htmlFor="eq-name" className={labelClass}>
            {t("equipment.name")}
          </label>
          <input id="eq-name" name="name" maxLength={100} className={inputClass} />
          <FieldError name="name" />
        </div>
        <div>
          <label htmlFor="eq-kind" className={labelClass}>
            {t("equipment.kind")}
          </label>
          <select id="eq-kind" name="kind" className={inputClass}>
            {EQUIPMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`equipmentKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="eq-location" className={labelClass}>
            {t("equipment.location")}
          </label>
          <input id="eq-location" name="location" maxLength={200} className={inputClass} />
        </div>
        <button type="submit" className={buttonClass}>
          {t("common.save")}
        </button>
      </ActionForm>
    </Card>
  );
}

async function PlanForm({ items }: { items: Items }) {
  const t = await getTranslations("tickets");
  return (
    <Card title={t("equipment.addPlan")}>
      <ActionForm action={createPlanAction} className="space-y-3" testId="plan-form">
        <div>
          <label htmlFor="pl-equipment" className={labelClass}>
            {t("equipment.equipmentLabel")}
          </label>
          <select id="pl-equipment" name="equipmentId" className={inputClass}>
            {items.map((e) => (
              <option key={e.id} value={e.id}>
                {e.communityName} · {e.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="pl-title" className={labelClass}>
            {t("equipment.planTitle")}
          </label>
          <input id="pl-title" name="title" maxLength={100} className={inputClass} />
          <FieldError name="title" />
        </div>
        <PlanSchedule />
        <div>
          <label htmlFor="pl-checklist" className={labelClass}>
            {t("equipment.checklist")}
          </label>
          <textarea id="pl-checklist" name="checklist" rows={4} className={inputClass} />
          <FieldError name="checklist" />
        </div>
        <button type="submit" className={buttonClass}>
          {t("common.save")}
        </button>
      </ActionForm>
    </Card>
  );
}

async function PlanSchedule() {
  const t = await getTranslations("tickets");
  return (
    <div className="grid grid-cols-2 gap-3">
      <div>
        <label htmlFor="pl-every" className={labelClass}>
          {t("equipment.every")}
        </label>
        <input id="pl-every" name="every" type="number" min={1} max={365} defaultValue={1} className={inputClass} />
        <FieldError name="every" />
      </div>
      <div>
        <label htmlFor="pl-interval" className={labelClass}>
          {t("equipment.interval")}
        </label>
        <select id="pl-interval" name="interval" defaultValue="month" className={inputClass}>
          {PLAN_INTERVALS.map((i) => (
            <option key={i} value={i}>
              {t(`interval.${i}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="pl-start" className={labelClass}>
          {t("equipment.startDate")}
        </label>
        <input id="pl-start" name="startDate" type="date" className={inputClass} />
        <FieldError name="startDate" />
      </div>
      <div>
        <label htmlFor="pl-lead" className={labelClass}>
          {t("equipment.leadDays")}
        </label>
        <input id="pl-lead" name="leadDays" type="number" min={0} max={60} defaultValue={3} className={inputClass} />
      </div>
    </div>
  );
}
