import type { getTranslations } from "next-intl/server";
import { isNoticeNumber, localNoticeNumber } from "@/lib/crm/rules/arrears";

type T = Awaited<ReturnType<typeof getTranslations<"crm">>>;

/**
 * The human sentence of a ledger entry in the reader's language: crm.ledger.<messageKey>
 * with its params; a classification param is translated; unknown keys fall back to
 * "<rule>: <points> points" (so entries written by newer rules still read well).
 */
export function ledgerSentence(
  t: T,
  e: { messageKey: string; params: Record<string, string | number | null>; rule: string; points: number },
): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(e.params ?? {}))
    params[k] = isNoticeNumber(v) ? localNoticeNumber(v, t("noticeNumberPrefix")) : (v ?? "");
  if (typeof params.classification === "string" && t.has(`classification.${params.classification}`))
    params.classification = t(`classification.${params.classification}` as "classification.general");
  if (typeof params.kind === "string" && t.has(`noticeKind.${params.kind}`))
    params.kind = t(`noticeKind.${params.kind}` as "noticeKind.reminder");
  if (params.points === undefined) params.points = e.points;
  const rule = t.has(`rule.${e.rule}`) ? t(`rule.${e.rule}` as "rule.complaint") : e.rule;
  const key = `ledger.${e.messageKey}`;
  if (t.has(key)) {
    try {
      return t(key as "ledger.complaint", { rule, ...params });
    } catch {
      // a param missing from an older entry: fall through
    }
  }
  return t("ledger.fallback", { rule, points: e.points });
}

export const ruleLabel = (t: T, rule: string) => (t.has(`rule.${rule}`) ? t(`rule.${rule}` as "rule.complaint") : rule);

/** Where an entry's source record is shown to staff (null when it has no page). */
export function sourceHref(e: { sourceType: string | null; sourceId: number | null }): string | null {
  if (e.sourceId == null) return null;
  switch (e.sourceType) {
    case "work_order":
      return `/staff/orders/${e.sourceId}`;
    case "payment":
      return `/staff/billing/receipts/${e.sourceId}`;
    case "notice":
    case "crm_notice":
      return `/staff/crm/notices/${e.sourceId}`;
    case "legal_case":
      return `/staff/legal/${e.sourceId}`;
    default:
      return null;
  }
}

export function sourceLabel(t: T, e: { sourceType: string | null; sourceId: number | null }): string | null {
  if (!e.sourceType) return null;
  return t.has(`source.${e.sourceType}`)
    ? t(`source.${e.sourceType}` as "source.work_order", { id: e.sourceId ?? "" })
    : `${e.sourceType} #${e.sourceId ?? ""}`;
}
