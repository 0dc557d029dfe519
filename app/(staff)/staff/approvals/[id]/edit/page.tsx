import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { RequestForm } from "@/components/approvals/request-form";
import { categoryLabel } from "@/components/finance/category-label";
import { Card, PageHeader } from "@/components/ui/card";
import { requestFormOptions } from "@/lib/approvals/form-data";
import { requestDetail } from "@/lib/approvals/queries";
import { isEditable } from "@/lib/approvals/rules";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { saveRequestAction } from "../../actions";

const yuan = (fen: number | null) => (fen ? (fen / 100).toFixed(2) : "");

/** Edit a draft or a returned request (its requester only); saving submits it again from the first step. */
export default async function EditRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(STAFF_ROLES);
  const raw = (await params).id;
  if (!/^\d{1,12}$/.test(raw)) notFound();
  const db = getDb();
  const detail = await requestDetail(db, user.companyId, Number(raw));
  if (!detail || detail.requesterUserId !== user.id || !isEditable(detail.status)) notFound();
  const t = await getTranslations("approvals");
  const tf = await getTranslations("finance");
  const opts = await requestFormOptions(db, user.companyId, user.id);
  const d = detail.details as Record<string, string | null>;
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t("editTitle", { id: detail.id })} subtitle={t(`type.${detail.type}`)} />
      <Card>
        <RequestForm
          saveRequestAction={saveRequestAction}
          type={detail.type}
          communities={opts.communities}
          categories={opts.categories.map((c) => ({ id: c.id, label: categoryLabel(tf, c.code, c.name) }))}
          defaults={{
            id: detail.id,
            communityId: String(detail.communityId),
            categoryId: detail.categoryId ? String(detail.categoryId) : "",
            title: detail.title,
            description: detail.description,
            amount: detail.type === "procurement" ? "" : yuan(detail.amountFen),
            lines: detail.lines.map((l) => ({
              item: l.item,
              quantity: String(l.quantity),
              unitPrice: yuan(l.unitPriceFen),
            })),
            party: d.party ?? "",
            termFrom: d.termFrom ?? "",
            termTo: d.termTo ?? "",
            receipts: d.receipts ?? "",
            leaveType: d.leaveType ?? "",
            leaveFrom: detail.leaveFrom ?? "",
            leaveTo: detail.leaveTo ?? "",
          }}
        />
      </Card>
    </div>
  );
}
