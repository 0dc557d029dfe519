import { getTranslations } from "next-intl/server";
import { localNoticeNumber } from "@/lib/crm/rules/arrears";

/** Shows stored notice numbers with the reader's language's prefix (催-2026-000123 / AN-2026-000123). */
export async function noticeNumberText(): Promise<(stored: string) => string> {
  const prefix = (await getTranslations("arrears"))("numberPrefix");
  return (stored) => localNoticeNumber(stored, prefix);
}
