import { getTranslations } from "next-intl/server";

/**
 * The placeholder an index page shows while its data loads (a route's loading.tsx).
 *
 * Only for pages that never call notFound()/forbidden(): a loading boundary sends the 200
 * status with this shell, so a page below it can no longer answer a real 404/403. Index pages
 * with detail children sit in a `(index)` route group so the boundary wraps the index alone.
 */
export async function PageSkeleton({ rows = 3 }: { rows?: number }) {
  const t = await getTranslations("common");
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-3">
      <div className="h-6 w-48 rounded bg-slate-200" />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-24 rounded bg-slate-200" />
      ))}
      <span className="sr-only">{t("loading")}</span>
    </div>
  );
}

/** `export { default } from "@/components/ui/page-skeleton"` in a loading.tsx. */
export default function Loading() {
  return <PageSkeleton />;
}

/** The placeholder of one slow section of a page, streamed behind <Suspense> while the rest paints. */
export async function SectionSkeleton({ title, rows = 3 }: { title?: string; rows?: number }) {
  const t = await getTranslations("common");
  return (
    <section
      role="status"
      aria-live="polite"
      aria-busy="true"
      data-testid="section-skeleton"
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      {title ? <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2> : null}
      <div className="animate-pulse space-y-2">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="h-6 rounded bg-slate-200" />
        ))}
      </div>
      <span className="sr-only">{t("loading")}</span>
    </section>
  );
}
