"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { ActionResult, SchemaAction } from "@/lib/actions/result";
import { fenToYuanText } from "@/lib/billing/rules";
import { deskQrSchema, type deskCheckoutSchema } from "@/lib/billing/schemas";

type Provider = "wechatpay" | "alipay";
type Opened = { sessionId: string; amountFen: number; status: string; qr: string; svg: string };
type View = { status: string; amountFen: number; paymentId: number | null; receiptNo: string | null };
type StatusAction = (input: { sessionId: string }) => Promise<ActionResult<View>>;

/** How often the screen asks whether the payer has paid. */
const POLL_MS = 2000;

/**
 * The cashier's QR payment: tick the bills, choose WeChat or Alipay, show the code to the payer.
 * The screen polls until the payment is recorded (the provider's notification or the order query),
 * then shows the receipt and "next customer"; cancel closes the order at the provider.
 */
export function DeskQr({
  householdId,
  bills,
  providers,
  openAction,
  statusAction,
  cancelAction,
}: {
  householdId: number;
  bills: { id: number; label: string }[];
  providers: Provider[];
  openAction: SchemaAction<typeof deskQrSchema, Opened>;
  statusAction: SchemaAction<typeof deskCheckoutSchema, View>;
  cancelAction: SchemaAction<typeof deskCheckoutSchema, View>;
}) {
  const t = useTranslations("billing");
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [opened, setOpened] = useState<(Opened & { provider: Provider }) | null>(null);
  const chosen = useRef<Provider>(providers[0]);
  const { form, onSubmit, formError, errorOf, submitting } = useActionForm(deskQrSchema, openAction, {
    defaultValues: { householdId, billIds: bills.map((b) => String(b.id)), provider: providers[0], requestId },
    onSuccess: (data: Opened) => setOpened({ ...data, provider: chosen.current }),
  });
  if (opened)
    return (
      <DeskQrCode
        opened={opened}
        statusAction={statusAction}
        cancelAction={cancelAction}
        onClosed={() => {
          const next = crypto.randomUUID();
          setRequestId(next);
          form.setValue("requestId", next);
          setOpened(null);
        }}
      />
    );
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t("desk.bills")}</legend>
        <div className="flex flex-wrap gap-3">
          {bills.map((b) => (
            <label key={b.id} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" value={String(b.id)} {...form.register("billIds")} />
              {b.label}
            </label>
          ))}
        </div>
        {errorOf("billIds") ? <p className="mt-1 text-sm text-red-600">{t(stripNs(errorOf("billIds")!))}</p> : null}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        {providers.map((p) => (
          <Button
            key={p}
            type="submit"
            disabled={submitting}
            onClick={() => {
              chosen.current = p;
              form.setValue("provider", p);
            }}
          >
            {t(`desk.show.${p}`)}
          </Button>
        ))}
        {formError ? (
          <span role="alert" className="text-sm text-red-600">
            <FormError k={formError} />
          </span>
        ) : null}
      </div>
      <input type="hidden" {...form.register("householdId")} />
      <input type="hidden" {...form.register("requestId")} />
    </form>
  );
}

function FormError({ k }: { k: string }) {
  const t = useTranslations();
  return <>{t(k)}</>;
}

const stripNs = (key: string) => key.replace(/^billing\./, "");

function DeskQrCode({
  opened,
  statusAction,
  cancelAction,
  onClosed,
}: {
  opened: Opened & { provider: Provider };
  statusAction: StatusAction;
  cancelAction: StatusAction;
  onClosed: () => void;
}) {
  const t = useTranslations("billing");
  const [view, setView] = useState<View | null>(null);
  const [busy, setBusy] = useState(false);
  const status = view?.status ?? opened.status;
  useEffect(() => {
    if (status !== "open") return;
    const timer = setInterval(async () => {
      const r = await statusAction({ sessionId: opened.sessionId });
      if (r.ok) setView(r.data);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [status, statusAction, opened.sessionId]);
  const amount = `¥${fenToYuanText(opened.amountFen)}`;
  if (status === "paid") return <DeskPaid amount={amount} view={view} />;
  if (status !== "open")
    return (
      <div role="status" className="space-y-3">
        <p className="text-sm text-slate-700">{t(`desk.ended.${status === "cancelled" ? "cancelled" : "expired"}`)}</p>
        <Button type="button" onClick={onClosed}>
          {t("desk.again")}
        </Button>
      </div>
    );
  return (
    <div className="space-y-3" data-testid="desk-qr" data-session={opened.sessionId} data-qr={opened.qr}>
      <p className="text-sm font-medium text-slate-700">{t(`desk.scan.${opened.provider}`, { amount })}</p>
      <div
        role="img"
        aria-label={t(`desk.scan.${opened.provider}`, { amount })}
        className="size-56 rounded-md border border-slate-200 bg-white p-2"
        dangerouslySetInnerHTML={{ __html: opened.svg }}
      />
      <p className="text-sm text-slate-500" aria-live="polite">
        {t("desk.waiting")}
      </p>
      <Button
        type="button"
        variant="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const r = await cancelAction({ sessionId: opened.sessionId });
          setBusy(false);
          if (r.ok) setView(r.data);
        }}
      >
        {t("desk.cancel")}
      </Button>
    </div>
  );
}

/** The receipt once the payment is recorded, and the way to the next customer. */
function DeskPaid({ amount, view }: { amount: string; view: View | null }) {
  const t = useTranslations("billing");
  return (
    <div role="status" data-testid="desk-paid" className="space-y-3 rounded-md border border-brand-200 bg-brand-50 p-4">
      <p className="text-lg font-semibold text-brand-800">{t("desk.paid", { amount })}</p>
      {view?.receiptNo ? <p className="font-mono text-sm">{t("desk.receiptNo", { no: view.receiptNo })}</p> : null}
      <div className="flex flex-wrap gap-3">
        {view?.paymentId ? (
          <Link href={`/staff/billing/receipts/${view.paymentId}`} className="text-brand-700 hover:underline">
            {t("desk.receipt")}
          </Link>
        ) : null}
        <Link href="/staff/billing/cashier" className="font-medium text-brand-700 hover:underline">
          {t("cashier.nextCustomer")}
        </Link>
      </div>
    </div>
  );
}
