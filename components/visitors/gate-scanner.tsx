"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import type { SchemaAction } from "@/lib/actions/result";
import type { GateView } from "@/lib/visitors/rules";
import type { scanPassSchema } from "@/lib/visitors/schemas";
import { decodeQrFile } from "./qr-decode";
import { STATE_TONE } from "./state-tone";
import { useCameraScan } from "./use-camera-scan";

type Admitted = { outcome: string; entry?: number };
type Shown = { code: string; view: GateView; admitted?: Admitted };

const buttonClass = "w-full rounded-md px-4 py-3 text-base font-medium";

/** The gate's phone page: camera scan, a typed code or a photo; the pass's state in large colours; admit. */
export function GateScanner({
  check,
  admit,
  timeZone,
}: {
  check: SchemaAction<typeof scanPassSchema, GateView>;
  admit: SchemaAction<typeof scanPassSchema, Admitted>;
  timeZone: string;
}) {
  const tErr = useTranslations();
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onCode = useCallback(
    async (code: string) => {
      setBusy(true);
      setError(null);
      const r = await check({ code }).finally(() => setBusy(false));
      if (r.ok) setShown({ code, view: r.data });
      else setError(r.fieldErrors?.code?.[0] ?? r.message);
    },
    [check],
  );

  const onAdmit = async () => {
    if (!shown) return;
    setBusy(true);
    const r = await admit({ code: shown.code }).finally(() => setBusy(false));
    if (r.ok) setShown({ ...shown, admitted: r.data });
    else setError(r.message);
  };

  return (
    <div className="space-y-4">
      {shown ? (
        <GateResult shown={shown} timeZone={timeZone} busy={busy} onAdmit={onAdmit} onNext={() => setShown(null)} />
      ) : (
        <ScanControls busy={busy} onCode={onCode} onError={setError} />
      )}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {tErr(error)}
        </p>
      ) : null}
    </div>
  );
}

/** The three ways to read a pass: the camera, the typed code, a photo. */
function ScanControls({
  busy,
  onCode,
  onError,
}: {
  busy: boolean;
  onCode: (code: string) => void;
  onError: (key: string) => void;
}) {
  const t = useTranslations("visitors.gate");
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const { videoRef, active, failed, start, stop } = useCameraScan(onCode);
  return (
    <div className="space-y-3">
      <video
        ref={videoRef}
        muted
        playsInline
        className={active ? "aspect-square w-full rounded-lg bg-black object-cover" : "hidden"}
      />
      {active ? <p className="text-center text-sm text-slate-600">{t("scanning")}</p> : null}
      <button type="button" onClick={active ? stop : start} className={`${buttonClass} bg-brand-600 text-white`}>
        {active ? t("stop") : t("scan")}
      </button>
      {failed ? <p className="text-sm text-amber-800">{t("cameraError")}</p> : null}
      <ManualEntry disabled={busy} onCode={onCode} />
      <label className="block text-sm font-medium text-slate-700">
        {t("fromImage")}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          data-testid="gate-photo"
          className="mt-1 block w-full text-sm"
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = "";
            if (!file) return;
            canvas.current ??= document.createElement("canvas");
            const text = await decodeQrFile(file, canvas.current).catch(() => null);
            if (text) onCode(text);
            else onError("visitors.gate.noQr");
          }}
        />
      </label>
    </div>
  );
}

function ManualEntry({ disabled, onCode }: { disabled: boolean; onCode: (code: string) => void }) {
  const t = useTranslations("visitors.gate");
  const [code, setCode] = useState("");
  return (
    <form
      className="flex gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (code.trim()) onCode(code.trim());
      }}
    >
      <input
        value={code}
        onChange={(e) => setCode(e.target.value)}
        aria-label={t("manual")}
        placeholder={t("manual")}
        autoComplete="off"
        className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 text-base"
      />
      <button
        type="submit"
        disabled={disabled}
        className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium"
      >
        {t("check")}
      </button>
    </form>
  );
}

function GateResult({
  shown,
  timeZone,
  busy,
  onAdmit,
  onNext,
}: {
  shown: Shown;
  timeZone: string;
  busy: boolean;
  onAdmit: () => void;
  onNext: () => void;
}) {
  const t = useTranslations("visitors");
  const locale = useLocale();
  const when = (d: Date) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(d));
  const { view, admitted } = shown;
  const state = admitted ? admitted.outcome : view.state;
  const p = view.pass;
  return (
    <div className="space-y-3" data-testid="gate-result">
      <div className={`rounded-lg p-4 text-center ring-2 ${STATE_TONE[state] ?? ""}`}>
        <p className="text-2xl font-bold" data-testid="gate-state" data-state={state}>
          {t(`state.${state}`)}
        </p>
        {admitted?.entry && p ? (
          <p className="mt-1 text-sm">{t("gate.admittedEntry", { n: admitted.entry, max: p.maxEntries })}</p>
        ) : null}
      </div>
      {p ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-500">{t("gate.visitor")}</dt>
          <dd className="text-lg font-semibold" data-user-text>
            {p.visitorName ?? t("purged")}
          </dd>
          {p.plate ? <dt className="text-slate-500">{t("gate.plate")}</dt> : null}
          {p.plate ? (
            <dd className="font-mono text-lg" data-user-text>
              {p.plate}
            </dd>
          ) : null}
          <dt className="text-slate-500">{t("gate.community")}</dt>
          <dd data-user-text>{p.communityName}</dd>
          <dt className="text-slate-500">{t("gate.window")}</dt>
          <dd>{`${when(p.validFrom)} – ${when(p.validUntil)}`}</dd>
          <dt className="text-slate-500">{t("gate.entries")}</dt>
          <dd>{`${admitted?.entry ?? p.entriesUsed}/${p.maxEntries}`}</dd>
        </dl>
      ) : null}
      {!admitted && view.state === "valid" ? (
        <button type="button" disabled={busy} onClick={onAdmit} className={`${buttonClass} bg-green-600 text-white`}>
          {t("gate.admit")}
        </button>
      ) : null}
      <button type="button" onClick={onNext} className={`${buttonClass} border border-slate-300 bg-white`}>
        {t("gate.next")}
      </button>
    </div>
  );
}
