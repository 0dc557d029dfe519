import { getTranslations } from "next-intl/server";
import { Input } from "@/components/forms/action-fields";
import { ActionForm } from "@/components/tickets/action-form";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import type { ActionResult } from "@/lib/actions/result";

export interface ReconciliationItemView {
  id: number;
  kind: "trade" | "refund";
  ref: string;
  providerTradeNo: string | null;
  status: "matched" | "missing_ours" | "missing_provider" | "amount_differs";
  statementFen: number | null;
  oursFen: number | null;
  action: "recorded" | "flagged" | null;
  reason: string | null;
  resolvedBy: string | null;
  receiptNo: string | null;
}

/** One provider day's mismatches; an open one has its resolution form (record the payment when it can be, or flag). */
export async function ReconciliationItems({
  items,
  money,
  action,
}: {
  items: ReconciliationItemView[];
  money: (fen: number) => string;
  action: (fd: FormData) => Promise<ActionResult<null>>;
}) {
  const t = await getTranslations("billing.reconciliation");
  const amount = (fen: number | null) => (fen === null ? "—" : money(fen));
  return (
    <Table head={[t("item.status"), t("item.ref"), t("item.statement"), t("item.ours"), t("item.resolution")]}>
      {items.map((i) => (
        <tr key={i.id} data-testid="reconciliation-item" data-status={i.status}>
          <td className="whitespace-nowrap">
            {t(`status.${i.status}`)}
            <div className="text-xs text-slate-500">{t(`kind.${i.kind}`)}</div>
          </td>
          <td className="font-mono text-xs">
            <span data-user-text>{i.ref}</span>
            {i.providerTradeNo ? <div className="text-slate-500">{i.providerTradeNo}</div> : null}
          </td>
          <td className="whitespace-nowrap">{amount(i.statementFen)}</td>
          <td className="whitespace-nowrap">{amount(i.oursFen)}</td>
          <td className="min-w-64">
            {i.action ? (
              <p data-testid="resolution">
                {t.rich(`resolved.${i.action}`, {
                  name: i.resolvedBy ?? "",
                  receipt: i.receiptNo ?? "",
                  who: (chunks) => <span data-user-text>{chunks}</span>,
                })}
                <span className="block text-xs text-slate-500" data-user-text>
                  {i.reason}
                </span>
              </p>
            ) : (
              <ActionForm action={action} className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="itemId" value={i.id} />
                <Input name="reason" id={`reason-${i.id}`} label={t("reason")} maxLength={200} className="w-48" />
                {i.kind === "trade" && i.status === "missing_ours" ? (
                  <Button type="submit" name="action" value="record">
                    {t("record")}
                  </Button>
                ) : null}
                <Button type="submit" name="action" value="flag" variant="secondary">
                  {t("flag")}
                </Button>
              </ActionForm>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}
