import zh from "@/messages/arrears/zh-CN.json";
import type { ArrearsTask, NoticeKind } from "../config";
import { fenToYuanText } from "@/lib/billing/rules";
import { msgRef, type SystemText, type TextParams } from "@/lib/i18n/system-text";

/**
 * The text of a ladder work order: stored as a message key + params (shown in the reader's
 * language, see lib/i18n/system-text.ts) and, for readers of the stored text, in Chinese.
 */
const fill = (template: string, params: TextParams) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    const ref = typeof v === "string" && v.startsWith("@msg:arrears.") ? v.slice("@msg:arrears.".length) : null;
    return ref
      ? String(ref.split(".").reduce<unknown>((m, p) => (m as Record<string, unknown>)[p], zh))
      : String(v ?? "");
  });

function stored(key: "order" | "followUp", params: TextParams) {
  const text: SystemText = { key: `arrears.${key}`, params };
  return { title: fill(zh[key].title, params), description: fill(zh[key].body, params), text };
}

export function collectionOrderText(input: {
  task: ArrearsTask;
  kind: NoticeKind;
  householdName: string;
  months: number;
  owedFen: number;
  number: string;
}) {
  return stored("order", {
    householdName: input.householdName,
    months: input.months,
    owedYuan: fenToYuanText(input.owedFen),
    number: input.number,
    kindName: msgRef(`arrears.kind.${input.kind}`),
    task: msgRef(`arrears.task.${input.task}`),
  });
}

/** A follow-up order from the legal case page: the legal task text plus the lawyer's note. */
export function legalFollowUpText(householdName: string, note: string) {
  return stored("followUp", {
    householdName,
    note,
    kindName: msgRef("arrears.kind.lawyer_letter"),
    task: msgRef("arrears.task.legal_follow_up"),
  });
}
