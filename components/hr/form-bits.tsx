import type { ReactNode } from "react";
import { buttonClass } from "@/components/tickets/order-bits";

/** HR form bits: the shared labelled fields (components/forms/action-fields.tsx) and HR's buttons. */
export { Input, inputClass, labelClass, Select, TextArea } from "@/components/forms/action-fields";
export const submitClass = buttonClass;
export const smallButtonClass = "rounded-md px-2 py-1 text-xs font-medium ring-1 ring-slate-300 hover:bg-slate-50";

export function Submit({ children }: { children: ReactNode }) {
  return (
    <button type="submit" className={submitClass}>
      {children}
    </button>
  );
}
