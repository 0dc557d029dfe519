"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

type Phase = { kind: "idle" } | { kind: "preparing" } | { kind: "downloading"; bytes: number } | { kind: "failed" };

/** Reads the streamed body, reporting bytes received, and returns it as a Blob. */
async function readAll(res: Response, onBytes: (bytes: number) => void): Promise<Blob> {
  const reader = res.body!.getReader();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value as Uint8Array<ArrayBuffer>);
    bytes += value.byteLength;
    onBytes(bytes);
  }
  return new Blob(parts, { type: res.headers.get("content-type") ?? "text/csv" });
}

/** The file name from content-disposition (`attachment; filename="…"`). */
function fileName(res: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? fallback;
}

/**
 * A CSV export link (issue 16 point 7). Without JavaScript it is a plain download link; with it,
 * a click fetches the streamed export and the link says "preparing…", then "downloading… N KB",
 * and saves the file when the last row has arrived. A second click meanwhile does nothing.
 */
export function CsvDownload({ href, label, className }: { href: string; label: string; className?: string }) {
  const t = useTranslations("common.csv");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const busy = phase.kind === "preparing" || phase.kind === "downloading";
  const start = async () => {
    setPhase({ kind: "preparing" });
    try {
      const res = await fetch(href, { credentials: "same-origin" });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const blob = await readAll(res, (bytes) => setPhase({ kind: "downloading", bytes }));
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName(res, "export.csv");
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setPhase({ kind: "idle" });
    } catch {
      setPhase({ kind: "failed" });
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <a
        href={href}
        download
        className={className}
        aria-disabled={busy || undefined}
        onClick={(e) => {
          e.preventDefault();
          if (!busy) void start();
        }}
      >
        {label}
      </a>
      <span aria-live="polite" className="text-xs text-slate-500" data-testid="csv-status">
        {phase.kind === "preparing"
          ? t("preparing")
          : phase.kind === "downloading"
            ? t("downloading", { kb: Math.max(1, Math.round(phase.bytes / 1024)) })
            : phase.kind === "failed"
              ? t("failed")
              : ""}
      </span>
    </span>
  );
}
