import { getTranslations } from "next-intl/server";

/**
 * A versioned document (privacy notice, data-processing agreement) from messages/privacy:
 * its title, version, introduction and sections. The text is the version's text.
 */
export async function PrivacyDocument({
  doc,
  version,
  sections,
  values = {},
}: {
  doc: "notice" | "dpa";
  version: number;
  sections: readonly string[];
  values?: Record<string, string>;
}) {
  const t = await getTranslations(`privacy.${doc}`);
  return (
    <article className="space-y-4 text-sm leading-relaxed text-slate-700">
      <header>
        <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-1 text-xs text-slate-500">{t("version", { version })}</p>
      </header>
      <p>{t("intro")}</p>
      {sections.map((s) => (
        <section key={s}>
          <h2 className="mb-1 text-base font-semibold text-slate-900">{t(`${s}Title`)}</h2>
          <p>{t(s, values)}</p>
        </section>
      ))}
    </article>
  );
}

export const NOTICE_SECTIONS = ["handler", "collect", "why", "retention", "rights", "contact"] as const;
export const DPA_SECTIONS = ["roles", "duties", "end"] as const;
