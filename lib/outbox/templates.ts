import en from "@/messages/portal/en.json";
import zh from "@/messages/portal/zh-CN.json";
import ticketsEn from "@/messages/tickets/en.json";
import ticketsZh from "@/messages/tickets/zh-CN.json";
import type { Locale } from "@/lib/i18n/config";
import { formatFen } from "@/lib/i18n/format";
import { renderTemplate } from "./rules";

/** Outbound templates: portal.outbox.<key>.{subject,text,sms} in messages/portal/<locale>.json. */
export const TEMPLATE_KEYS = [
  "receipt",
  "shopPaid",
  "shopStatus",
  "orderDispatched",
  "notice",
  "activityPromoted",
  "arrearsNotice",
  "disputeUpheld",
  "disputeRejected",
  "signInCode",
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

type Template = { subject: string; text: string; sms: string };
const TEMPLATES: Record<Locale, Record<string, Template>> = {
  "zh-CN": zh.outbox as Record<string, Template>,
  en: en.outbox as Record<string, Template>,
};

/** The subject, e-mail text and SMS text of a message in its language. Unknown key → throws (the message fails). */
export function renderMessage(templateKey: string, locale: string, params: Record<string, string | number | null>) {
  const lang: Locale = locale === "en" ? "en" : "zh-CN";
  const template = TEMPLATES[lang][templateKey];
  if (!template) throw new Error(`unknown template ${templateKey}`);
  const formatted: Record<string, string | number | null> = {};
  const types = (lang === "en" ? ticketsEn : ticketsZh).type as Record<string, string>;
  for (const [k, v] of Object.entries(params)) {
    // Money in the reader's format; a work-order type by its name.
    formatted[k] =
      k.endsWith("Fen") && typeof v === "number"
        ? formatFen(v, lang)
        : k === "type" && typeof v === "string" && types[v]
          ? types[v]
          : v;
  }
  return {
    subject: renderTemplate(template.subject, formatted),
    text: renderTemplate(template.text, formatted),
    sms: renderTemplate(template.sms, formatted),
  };
}
