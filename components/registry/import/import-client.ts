/**
 * Browser side of the import routes: upload a file for a check, for the error report, or to
 * import it while reading the NDJSON progress stream. Message keys come back, never text.
 */
import type { ImportKind } from "@/lib/registry/import/columns";
import type { ApplyLine, PageReport } from "@/lib/registry/import/report";

export interface ImportTarget {
  kind: ImportKind;
  communityId: number | null;
  file: File;
}

function url(path: string, target: ImportTarget, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ kind: target.kind, name: target.file.name, type: target.file.type, ...extra });
  if (target.kind === "units" && target.communityId) params.set("communityId", String(target.communityId));
  return `/api/registry/import/${path}?${params}`;
}

function upload(path: string, target: ImportTarget, extra?: Record<string, string>) {
  return fetch(url(path, target, extra), {
    method: "POST",
    body: target.file,
    headers: { "Content-Type": target.file.type || "application/octet-stream" },
  });
}

/** An error's message key from a failed JSON answer. */
async function failure(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  return body?.message ?? "errors.internal";
}

export type CheckAnswer = { ok: true; report: PageReport } | { ok: false; message: string };

export async function checkFile(target: ImportTarget): Promise<CheckAnswer> {
  try {
    const response = await upload("check", target);
    if (!response.ok) return { ok: false, message: await failure(response) };
    const body = (await response.json()) as { report: PageReport };
    return { ok: true, report: body.report };
  } catch {
    return { ok: false, message: "import.networkError" };
  }
}

function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get("content-disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  return encoded ? decodeURIComponent(encoded[1]) : fallback;
}

/** Fetches the complete error report as CSV and hands it to the browser as a download. */
export async function downloadErrorReport(target: ImportTarget): Promise<string | null> {
  try {
    const response = await upload("check", target, { format: "csv" });
    if (!response.ok) return failure(response);
    const blob = await response.blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileNameOf(response, "import-errors.csv");
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    return null;
  } catch {
    return "import.networkError";
  }
}

/** Uploads the file for import and calls `onLine` for each NDJSON line; returns the last one. */
export async function applyFile(
  target: ImportTarget,
  validOnly: boolean,
  onLine: (line: ApplyLine) => void,
): Promise<ApplyLine> {
  let last: ApplyLine | null = null;
  try {
    const response = await upload("apply", target, validOnly ? { validOnly: "1" } : {});
    if (!response.ok || !response.body) return { type: "error", code: "internal", message: await failure(response) };
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        const text = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!text) continue;
        last = JSON.parse(text) as ApplyLine;
        onLine(last);
      }
    }
  } catch {
    return { type: "error", code: "internal", message: "import.networkError" };
  }
  if (!last || last.type === "stage" || last.type === "progress")
    return { type: "error", code: "internal", message: "import.networkError" };
  return last;
}
