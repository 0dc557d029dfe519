import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { LOCALES, type Locale } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";

type OfflineText = { title: string; body: string; retry: string };

export async function generateMetadata() {
  return { title: (await getTranslations("shell.offline"))("title") };
}

/**
 * The page the service worker (public/sw.js) shows when a page cannot be loaded without a
 * network. It is cached once, in whichever language was active then, so it says it in both
 * languages (the reader's first). No session, no data: anyone may open it.
 */
export default async function OfflinePage() {
  const current = (await getLocale()) as Locale;
  const order = [current, ...LOCALES.filter((l) => l !== current)];
  // Both catalogues explicitly: the request's own config loads only the reader's language.
  const texts = await Promise.all(
    order.map(async (locale) => ((await loadMessages(locale)).shell as { offline: OfflineText }).offline),
  );
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-6 p-6 text-center">
      {texts.map((t, i) => (
        <section key={order[i]} lang={order[i]} className="space-y-2" data-testid={`offline-${order[i]}`}>
          {i === 0 ? (
            <h1 className="text-xl font-semibold">{t.title}</h1>
          ) : (
            <h2 className="text-base font-semibold text-slate-700">{t.title}</h2>
          )}
          <p className="text-sm text-slate-600">{t.body}</p>
        </section>
      ))}
      <Link
        href="/"
        prefetch={false}
        className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
      >
        {texts[0].retry}
      </Link>
    </main>
  );
}
