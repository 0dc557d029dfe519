import { getTranslations } from "next-intl/server";

export async function InactiveBadge({ active }: { active: boolean }) {
  if (active) return null;
  const t = await getTranslations("registry");
  return <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-600">{t("inactive")}</span>;
}
