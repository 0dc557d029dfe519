import { getLocale, getTranslations } from "next-intl/server";
import { ContractPaymentForm, NewContractCustomerForm, NewContractForm } from "@/components/billing/contract-forms";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { requireUser } from "@/app/_lib/session";
import { BILLING_ROLES } from "@/lib/billing/access";
import {
  companyCommunities,
  listContractBills,
  listContractCustomers,
  listContracts,
} from "@/lib/billing/contract-queries";
import { lineReason } from "@/lib/billing/proration";
import { billStatus, fenToYuanText } from "@/lib/billing/rules";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { localDate } from "@/lib/time/zone";
import { contractPaymentAction, createContractAction, createContractCustomerAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("billing.contracts"))("title") };
}

type Money = (fen: number) => string;
type Customers = Awaited<ReturnType<typeof listContractCustomers>>;

/** 多种经营: contract customers, their contracts and monthly contract bills; payments at the desk. */
export default async function ContractsPage() {
  const user = await requireUser(BILLING_ROLES);
  const t = await getTranslations("billing");
  const locale = (await getLocale()) as Locale;
  const money = (fen: number) => formatFen(fen, locale);
  const db = getDb();
  const month = localDate(new Date(), user.timeZone).slice(0, 7);
  const [customers, contractRows, billRows, communityRows] = await Promise.all([
    listContractCustomers(db, user.companyId),
    listContracts(db, user.companyId),
    listContractBills(db, user.companyId),
    companyCommunities(db, user.companyId),
  ]);
  return (
    <div className="space-y-4">
      <PageHeader title={t("contracts.title")} subtitle={t("contracts.subtitle")} />
      <CustomersCard customers={customers} money={money} />
      <ContractsCard
        customers={customers}
        contractRows={contractRows}
        communityRows={communityRows}
        month={month}
        money={money}
      />
      <ContractBillsCard billRows={billRows} money={money} />
    </div>
  );
}

async function CustomersCard({ customers, money }: { customers: Customers; money: Money }) {
  const t = await getTranslations("billing");
  return (
    <Card title={t("contracts.customers")}>
      {customers.length === 0 ? (
        <EmptyState>{t("common.none")}</EmptyState>
      ) : (
        <Table head={[t("contracts.customer"), t("contracts.contact"), t("contracts.phone"), t("common.owed"), ""]}>
          {customers.map((c) => (
            <tr key={c.id}>
              <td className="font-medium">{c.name}</td>
              <td>{c.contact}</td>
              <td>{c.phone}</td>
              <td className="tabular-nums">{money(Number(c.owedFen))}</td>
              <td>
                {Number(c.owedFen) > 0 ? (
                  <ContractPaymentForm
                    contractPaymentAction={contractPaymentAction}
                    customerId={c.id}
                    owed={fenToYuanText(Number(c.owedFen))}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <div className="mt-4">
        <NewContractCustomerForm createContractCustomerAction={createContractCustomerAction} />
      </div>
    </Card>
  );
}

async function ContractsCard({
  customers,
  contractRows,
  communityRows,
  month,
  money,
}: {
  customers: Customers;
  contractRows: Awaited<ReturnType<typeof listContracts>>;
  communityRows: Awaited<ReturnType<typeof companyCommunities>>;
  month: string;
  money: Money;
}) {
  const t = await getTranslations("billing");
  return (
    <Card title={t("contracts.list")}>
      {contractRows.length === 0 ? (
        <EmptyState>{t("common.none")}</EmptyState>
      ) : (
        <Table
          head={[
            t("contracts.customer"),
            t("contracts.community"),
            t("contracts.description"),
            t("contracts.monthly"),
            t("contracts.term"),
          ]}
        >
          {contractRows.map((c) => (
            <tr key={c.id}>
              <td>{c.customerName}</td>
              <td>{c.communityName}</td>
              <td>{c.description}</td>
              <td className="tabular-nums">{money(c.monthlyFen)}</td>
              <td className="whitespace-nowrap">
                {c.startMonth} – {c.endMonth}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {customers.length > 0 && communityRows.length > 0 ? (
        <div className="mt-4">
          <NewContractForm
            createContractAction={createContractAction}
            customers={customers.map((c) => ({ value: c.id, label: c.name }))}
            communities={communityRows.map((c) => ({ value: c.id, label: c.name }))}
            month={month}
          />
        </div>
      ) : null}
    </Card>
  );
}

async function ContractBillsCard({
  billRows,
  money,
}: {
  billRows: Awaited<ReturnType<typeof listContractBills>>;
  money: Money;
}) {
  const t = await getTranslations("billing");
  /** A developer-paid unit's bill (开发商承担): the unit and the reason with its days. */
  const developerLine = (b: { unitLabel: string | null; reasonKey: string | null; reasonParams: string | null }) => {
    const reason = lineReason(b.reasonKey, b.reasonParams);
    return `${b.unitLabel ?? ""} ${reason ? t(reason.key, reason.params) : ""}`.trim();
  };
  return (
    <Card title={t("contracts.bills")}>
      <p className="mb-3 text-sm text-slate-600">{t("contracts.billsHint")}</p>
      {billRows.length === 0 ? (
        <EmptyState>{t("common.none")}</EmptyState>
      ) : (
        <Table
          head={[
            t("common.period"),
            t("contracts.customer"),
            t("contracts.description"),
            t("common.dueDate"),
            t("common.amount"),
            t("common.paid"),
            t("common.status"),
          ]}
        >
          {billRows.map((b) => (
            <tr key={b.id}>
              <td>{b.period}</td>
              <td>{b.customerName}</td>
              <td>{b.description ?? developerLine(b)}</td>
              <td>{b.dueDate}</td>
              <td className="tabular-nums">{money(b.amountFen)}</td>
              <td className="tabular-nums">{money(b.allocatedFen)}</td>
              <td>
                {t(`status.${billStatus({ amountFen: b.amountFen, allocatedFen: b.allocatedFen, voided: false })}`)}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
