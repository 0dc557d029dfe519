import { LOCALES } from "@/lib/i18n/config";
import { loadMessages } from "@/lib/i18n/messages";

export const dynamic = "force-static";

type OfflineText = { title: string; body: string; retry: string };

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * GET /offline — the page the service worker (public/sw.js) answers navigations with when the
 * network cannot be reached. Plain HTML without scripts: a React page would hydrate under another
 * URL and ask the (unreachable) server for that URL's data. It is cached once, so it says it in
 * both languages (texts from messages/<locale>.json "shell.offline"). No session, no data.
 */
export async function GET() {
  const texts = await Promise.all(
    LOCALES.map(async (locale) => ({
      locale,
      t: ((await loadMessages(locale)).shell as { offline: OfflineText }).offline,
    })),
  );
  const sections = texts
    .map(
      ({ locale, t }, i) =>
        `<section lang="${locale}" data-testid="offline-${locale}">${
          i === 0 ? `<h1>${escape(t.title)}</h1>` : `<h2>${escape(t.title)}</h2>`
        }<p>${escape(t.body)}</p></section>`,
    )
    .join("");
  const retry = texts.map(({ t }) => escape(t.retry)).join(" · ");
  const html = `<!doctype html><html lang="${LOCALES[0]}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="theme-color" content="#167257">
<title>${texts.map(({ t }) => escape(t.title)).join(" · ")}</title><link rel="icon" href="/favicon.ico">
<style>body{margin:0;font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a}
main{max-width:28rem;margin:0 auto;min-height:100dvh;display:flex;flex-direction:column;justify-content:center;
align-items:center;gap:1.5rem;padding:1.5rem;text-align:center}h1{font-size:1.25rem;margin:0 0 .5rem}
h2{font-size:1rem;margin:0 0 .5rem;color:#334155}p{margin:0;font-size:.875rem;color:#475569}
a{display:inline-flex;align-items:center;min-height:44px;padding:0 1rem;border-radius:.375rem;background:#167257;
color:#fff;text-decoration:none;font-weight:500;font-size:.875rem}</style></head>
<body><main>${sections}<a href="/">${retry}</a></main></body></html>`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}
