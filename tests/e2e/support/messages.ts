import en from "../../../messages/en.json" with { type: "json" };
import zh from "../../../messages/zh-CN.json" with { type: "json" };
import privacyEn from "../../../messages/privacy/en.json" with { type: "json" };
import privacyZh from "../../../messages/privacy/zh-CN.json" with { type: "json" };

/** The app's own message catalogues: tests look for the words the user would see. */
export type Messages = typeof zh;
export type Locale = "zh-CN" | "en";

export const MESSAGES: Record<Locale, Messages> = { "zh-CN": zh, en };
export const LOCALES: Locale[] = ["zh-CN", "en"];

export function messages(locale: Locale = "zh-CN"): Messages {
  return MESSAGES[locale];
}

/** Replaces {name} placeholders (simple values only, no plurals). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** The privacy module's words (notice, agreement, my data, requests, tenant exit). */
export function privacyMessages(locale: Locale = "zh-CN"): typeof privacyZh {
  return locale === "en" ? privacyEn : privacyZh;
}
