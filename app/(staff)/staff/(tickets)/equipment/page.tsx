import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/tickets/action-form";
import { buttonClass } from "@/components/tickets/order-bits";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { EQUIPMENT_KINDS, PLAN_INTERVALS } from "@/db/schema/tickets";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { listCommunityOptions } from "@/lib/registry/directory";
import { EQUIPMENT_EDIT_ROLES, EQUIPMENT_ROLES } from "@/lib/tickets/access";
import { listEquipment } from "@/lib/tickets/catalog-queries";
import { createEquipmentAction, createPlanAction } from "./actions";
import { Input, Select, TextArea } from "@/components/forms/action-fields";

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
    listCommunityOptions(db, user.companyId, "all"),
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
                        <span className="font-medium" data-user-text>
                          {p.title}
                        </span>{" "}
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

async function EquipmentForm({ communityRows }: { communityRows: Awaited<ReturnType<typeof listCommunityOptions>> }) {
  const t = await getTranslations("tickets");
  return (
    <Card title={t("equipment.add")}>
      <ActionForm action={createEquipmentAction} className="space-y-3" testId="equipment-form">
        <Select
          id="eq-community"
          name="communityId"
          label={t("equipment.community")}
          options={communityRows.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Input id="eq-name" name="name" label={t("equipment.name")} maxLength={100} />
        <Select
          id="eq-kind"
          name="kind"
          label={t("equipment.kind")}
          options={EQUIPMENT_KINDS.map((k) => ({ value: k, label: t(`equipmentKind.${k}`) }))}
        />
        <Input id="eq-location" name="location" label={t("equipment.location")} maxLength={200} />
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
        <Select
          id="pl-equipment"
          name="equipmentId"
          label={t("equipment.equipmentLabel")}
          options={items.map((e) => ({ value: e.id, label: `${e.communityName} · ${e.name}` }))}
        />
        <Input id="pl-title" name="title" label={t("equipment.planTitle")} maxLength={100} />
        <PlanSchedule />
        <TextArea id="pl-checklist" name="checklist" label={t("equipment.checklist")} rows={4} />
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
      <Input id="pl-every" name="every" label={t("equipment.every")} type="number" min={1} max={365} defaultValue={1} />
      <Select
        id="pl-interval"
        name="interval"
        label={t("equipment.interval")}
        defaultValue="month"
        options={PLAN_INTERVALS.map((i) => ({ value: i, label: t(`interval.${i}`) }))}
      />
      <Input id="pl-start" name="startDate" label={t("equipment.startDate")} type="date" />
      <Input
        id="pl-lead"
        name="leadDays"
        label={t("equipment.leadDays")}
        type="number"
        min={0}
        max={60}
        defaultValue={3}
      />
    </div>
  );
}
