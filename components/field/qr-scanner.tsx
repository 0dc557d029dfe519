"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, type ReactNode } from "react";
import { withUserText } from "@/components/ui/user-text";
import type { ActionResult } from "@/lib/actions/result";
import { decodeQr, useQrCamera } from "./use-camera";

type ScanResult = { seq: number; name: string; late: boolean; finished: boolean };
type Scan = (input: { roundId: number; token: string; capturedAt: number }) => Promise<ActionResult<ScanResult>>;
/** `text`: a sentence, the checkpoint name in it marked as user text. */
type Message = { ok: boolean; text: ReactNode };

/**
 * The guard's scanner (issue 19): the phone's back camera decoded in the browser (jsQR on video
 * frames), with a photo / image-file fallback for phones that cannot stream. The decoded text goes
 * to the server with the moment it was decoded; the server decides (order, window, route, replay).
 *
 * Scans go to the server one after another (`queue`), and the page's new state arrives with the
 * action's own response (the action revalidates the round's path). No router.refresh() here: a
 * refresh still pending when the next scan's action was dispatched could leave that action's
 * promise unresolved, so its message never appeared (the flaky "guard round" e2e). The component
 * stays mounted when the round closes (`open` false: controls hidden), so the last message stays.
 */
export function QrScanner({ roundId, scan, open = true }: { roundId: number; scan: Scan; open?: boolean }) {
  const t = useTranslations("field.scan");
  const tr = useTranslations();
  const busy = useRef(false);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const [message, setMessage] = useState<Message | null>(null);

  async function send(token: string, capturedAt: number) {
    const res = await scan({ roundId, token, capturedAt });
    if (res.ok) {
      setMessage({ ok: true, text: <ScanDone result={res.data} /> });
    } else setMessage({ ok: false, text: tr(res.fieldErrors?.token?.[0] ?? res.message) });
  }

  function submit(token: string, capturedAt: number): Promise<void> {
    busy.current = true;
    const next = queue.current.then(() => send(token, capturedAt));
    queue.current = next.catch(() => undefined);
    // A pause before the camera reads again, so one code held in view is not sent twice at once.
    return next.finally(() => setTimeout(() => (busy.current = false), 1500));
  }

  const { video, canvas, live, start, stop } = useQrCamera((text, at) => void submit(text, at), busy);

  async function fromFile(file: File | undefined) {
    if (!file || !canvas.current) return;
    const capturedAt = Date.now();
    const bitmap = await createImageBitmap(file);
    const text = decodeQr(canvas.current, bitmap, bitmap.width, bitmap.height);
    bitmap.close();
    if (text) await submit(text, capturedAt);
    else setMessage({ ok: false, text: t("noCode") });
  }

  if (!open)
    return message ? <ScanMessage message={message} /> : <p className="text-sm text-slate-600">{t("closed")}</p>;
  return (
    <div className="space-y-3" data-testid="qr-scanner">
      <p className="text-sm text-slate-600">{t("hint")}</p>
      <video
        ref={video}
        muted
        playsInline
        className={live ? "aspect-square w-full rounded-md bg-black object-cover" : "hidden"}
      />
      <canvas ref={canvas} className="hidden" />
      <button
        type="button"
        onClick={async () => {
          if (live) stop();
          else if (!(await start())) setMessage({ ok: false, text: t("noCamera") });
        }}
        className="min-h-11 w-full rounded-md bg-brand-600 px-4 text-sm font-medium text-white"
      >
        {live ? t("stop") : t("camera")}
      </button>
      <label className="block min-h-11 w-full cursor-pointer rounded-md border border-slate-300 px-4 py-3 text-center text-sm">
        {t("file")}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          className="sr-only"
          data-testid="qr-file"
          onChange={(e) => {
            void fromFile(e.currentTarget.files?.[0]);
            e.currentTarget.value = "";
          }}
        />
      </label>
      {message ? <ScanMessage message={message} /> : null}
    </div>
  );
}

/** "Scanned: 2. <checkpoint>" (and "This round is complete."), the checkpoint's name marked as user text. */
function ScanDone({ result: d }: { result: ScanResult }) {
  const t = useTranslations("field.scan");
  const text = withUserText((name) => t(d.late ? "okLate" : "ok", { seq: d.seq, name }), d.name);
  return d.finished ? (
    <>
      {text} {t("finished")}
    </>
  ) : (
    text
  );
}

function ScanMessage({ message }: { message: Message }) {
  return (
    <p
      role={message.ok ? "status" : "alert"}
      data-testid="scan-message"
      className={`rounded-md p-3 text-sm ${message.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}
    >
      {message.text}
    </p>
  );
}
