import type { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { withUserTexts } from "@/components/ui/user-text";
import { refOf, type TextParams } from "@/lib/i18n/system-text";
import { isNoticeNumber, localNoticeNumber } from "@/lib/crm/rules/arrears";

type T = Awaited<ReturnType<typeof getTranslations>>;

/**
 * A stored key + params in the reader's language (see lib/i18n/system-text.ts), or `fallback`
 * (the text stored by older code) when the key is unknown or a parameter is missing.
 */
export function systemText(
  t: T,
  key: string | null | undefined,
  params: TextParams | null | undefined,
  fallback: string,
) {
  if (!key || !t.has(key)) return fallback;
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    const ref = refOf(v);
    values[k] = ref ? (t.has(ref) ? t(ref as "app.name") : ref) : isNoticeNumber(v) ? noticeNumberIn(t, v) : (v ?? "");
  }
  try {
    return t(key as "app.name", values);
  } catch {
    return fallback;
  }
}

/** A stored notice number with the reader's language's prefix (arrears.numberPrefix). */
const noticeNumberIn = (t: T, n: string) =>
  t.has("arrears.numberPrefix") ? localNoticeNumber(n, t("arrears.numberPrefix" as "app.name")) : n;

/** A system-written work order's title and description, in the reader's language. */
export function orderText(
  t: T,
  o: { title: string | null; description?: string; textKey?: string | null; textParams?: TextParams | null },
) {
  const key = o.textKey;
  return {
    title: o.title === null && !key ? null : systemText(t, key && `${key}.title`, o.textParams, o.title ?? ""),
    description: systemText(t, key && `${key}.body`, o.textParams, o.description ?? ""),
    system: Boolean(key && t.has(`${key}.title`)),
  };
}

/** The stored plain values of a system text's params (what people named or typed), to be marked as user text. */
function userValues(params: TextParams) {
  return Object.fromEntries(
    Object.entries(params).filter(([, v]) => typeof v === "string" && !refOf(v) && !isNoticeNumber(v)),
  ) as Record<string, string>;
}

/**
 * What an orders list shows of an order: its title (else its description) as orderTextMarked
 * words it, without wording the description when the title is shown — a list of 50 system
 * orders formatted each long description twice for nothing.
 */
export function orderTitleMarked(
  t: T,
  o: { title: string | null; description?: string; textKey?: string | null; textParams?: TextParams | null },
): { text: ReactNode; system: boolean } {
  const key = o.textKey;
  if (o.title === null && !key) return { text: o.description ?? "", system: false };
  const system = Boolean(key && t.has(`${key}.title`));
  const params = o.textParams ?? {};
  const user = userValues(params);
  if (system && Object.keys(user).length)
    return {
      text: withUserTexts((v) => systemText(t, `${key}.title`, { ...params, ...v }, ""), user),
      system,
    };
  return { text: systemText(t, key && `${key}.title`, o.textParams, o.title ?? ""), system };
}

/**
 * orderText with the stored plain values in a system-written title and description (a place, an
 * item, a note: what people named or typed) marked as user text, the sentence around them not.
 */
export function orderTextMarked(
  t: T,
  o: { title: string | null; description?: string; textKey?: string | null; textParams?: TextParams | null },
): { title: ReactNode; description: ReactNode; system: boolean } {
  const text = orderText(t, o);
  const key = o.textKey;
  const params = o.textParams ?? {};
  const user = userValues(params);
  if (!text.system || !key || !Object.keys(user).length) return text;
  const mark = (part: string) => withUserTexts((v) => systemText(t, `${key}.${part}`, { ...params, ...v }, ""), user);
  return {
    title: text.title === null ? null : mark("title"),
    description: t.has(`${key}.body`) ? mark("body") : text.description,
    system: true,
  };
}
