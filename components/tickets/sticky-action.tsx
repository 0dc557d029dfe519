import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/tickets/action-form";
import type { ActionResult } from "@/lib/actions/result";

type OrderAction = (fd: FormData) => Promise<ActionResult<{ id: number } | null>>;

/** What the person holding the phone does next on this order, if anything. */
export type NextStep =
  | { kind: "accept" | "start"; action: OrderAction }
  | { kind: "resolve" }
  | { kind: "visit"; visitId: number; recorded: boolean };

const BAR =
  "no-print fixed inset-x-0 bottom-[calc(3.25rem+env(safe-area-inset-bottom))] z-10 border-t border-slate-200 bg-white/95 p-3 backdrop-blur md:hidden";
const PRIMARY =
  "flex min-h-12 w-full items-center justify-center rounded-md bg-brand-600 px-4 text-base font-medium text-white hover:bg-brand-700";

/**
 * The order page's primary action on a phone, pinned above the bottom bar: accept, start, finish
 * (jumps to the resolve form) or record the visit. Hidden from the md breakpoint up, where the
 * page's own buttons are at hand. A spacer keeps the page's end clear of it.
 */
export async function StickyOrderAction({ orderId, step }: { orderId: number; step: NextStep }) {
  const t = await getTranslations();
  let content: ReactNode;
  if (step.kind === "visit")
    content = (
      <Link href={`/staff/crm/visits/${step.visitId}`} className={PRIMARY}>
        {step.recorded ? t("visits.visit.recorded") : t("visits.visit.recordLink")}
      </Link>
    );
  else if (step.kind === "resolve")
    content = (
      <a href="#resolve" className={PRIMARY}>
        {t("tickets.staff.resolve")}
      </a>
    );
  else
    content = (
      <ActionForm action={step.action} testId="sticky-action-form">
        <input type="hidden" name="id" value={orderId} />
        <button type="submit" className={PRIMARY}>
          {t(`tickets.staff.${step.kind}`)}
        </button>
      </ActionForm>
    );
  return (
    <>
      <div aria-hidden className="h-20 md:hidden" />
      <div className={BAR} data-testid="sticky-action">
        {content}
      </div>
    </>
  );
}
