import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RequestForm } from "@/components/approvals/request-form";
import { categoryLabel } from "@/components/finance/category-label";
import { Card, PageHeader } from "@/components/ui/card";
import { REQUEST_TYPES } from "@/db/schema/approvals";
import { requestFormOptions } from "@/lib/approvals/form-data";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { saveRequestAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("approvals"))("newTitle") };
}

/** New request: pick the type, then its form. */
export default async function NewRequestPage({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  const user = await requireUser(STAFF_ROLES);
  const sp = await searchParams;
  const type = REQUEST_TYPES.find((x) => x === sp.type) ?? "expense";
  const t = await getTranslations("approvals");
  const tf = await getTranslations("finance");
  const opts = await requestFormOptions(getDb(), user.companyId, user.id);
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title={t("newTitle")} subtitle={t("ownRule")} />
      <nav className="flex flex-wrap gap-2" aria-label={t("fields.type")}>
        {REQUEST_TYPES.map((x) => (
          <Link
            key={x}
            href={`/staff/approvals/new?type=${x}`}
            aria-current={x === type ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ring-1 ${x === type ? "bg-brand-600 text-white ring-brand-600" : "bg-white ring-slate-300"}`}
          >
            {t(`type.${x}`)}
          </Link>
        ))}
      </nav>
      <Card title={t(`type.${type}`)}>
        <RequestForm
          saveRequestAction={saveRequestAction}
          key={type}
          type={type}
          communities={opts.communities}
          categories={opts.categories.map((c) => ({ id: c.id, label: categoryLabel(tf, c.code, c.name) }))}
          defaults={{
            communityId: String(opts.ownCommunityId ?? ""),
            categoryId: "",
            title: "",
            description: "",
            amount: "",
            lines: type === "procurement" ? [{ item: "", quantity: "1", unitPrice: "" }] : [],
            party: "",
            termFrom: "",
            termTo: "",
            receipts: "",
            leaveType: "",
            leaveFrom: "",
            leaveTo: "",
          }}
        />
      </Card>
    </div>
  );
}
