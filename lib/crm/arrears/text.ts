import en from "@/messages/arrears/en.json";
import zh from "@/messages/arrears/zh-CN.json";
import type { ArrearsTask, NoticeKind } from "../config";
import { fenToYuanText } from "@/lib/billing/rules";

/**
 * The text of a ladder work order, written when the cron creates it (an order's title and
 * description are stored text): Chinese first, then English, from messages/arrears.
 */
const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ""));

export function collectionOrderText(input: {
  task: ArrearsTask;
  kind: NoticeKind;
  householdName: string;
  months: number;
  owedFen: number;
  number: string;
}) {
  const render = (m: typeof zh) => {
    const params = {
      householdName: input.householdName,
      months: input.months,
      owedYuan: fenToYuanText(input.owedFen),
      number: input.number,
      kindName: m.kind[input.kind],
      task: m.task[input.task],
    };
    return { title: fill(m.order.title, params), body: fill(m.order.body, params) };
  };
  const z = render(zh);
  const e = render(en);
  return { title: z.title, description: `${z.body}\n\n${e.title}\n${e.body}` };
}

/** A follow-up order from the legal case page: the legal task text plus the lawyer's note. */
export function legalFollowUpText(householdName: string, note: string) {
  return {
    title: `${zh.kind.lawyer_letter} · ${householdName}`,
    description: `${zh.task.legal_follow_up}\n${en.task.legal_follow_up}\n\n${note}`,
  };
}
