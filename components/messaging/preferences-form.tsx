"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionFn, SchemaAction } from "@/lib/actions/result";
import type { Preferences, preferenceSchema, PreferenceChannel, PreferenceKind } from "@/lib/outbox/preferences";

/** The switchable kinds in page order; emergencies (always sent everywhere) are shown apart. */
const KINDS: PreferenceKind[] = ["receipt", "arrears", "activity", "shop"];

/**
 * A resident's channels per message kind, phone first: in-app always on (shown disabled), SMS,
 * e-mail, and WeChat only when the account is bound. Each switch saves at once.
 */
export function PreferencesForm({
  preferences,
  wechatBound,
  setPreference,
}: {
  preferences: Preferences;
  wechatBound: boolean;
  setPreference: SchemaAction<typeof preferenceSchema>;
}) {
  const t = useTranslations("messaging.preferences");
  const [prefs, setPrefs] = useState(preferences);
  const [status, setStatus] = useState<"saved" | "error" | null>(null);
  const [, startTransition] = useTransition();
  const channels: PreferenceChannel[] = wechatBound ? ["sms", "email", "wechat"] : ["sms", "email"];

  function toggle(kind: PreferenceKind, channel: PreferenceChannel, on: boolean) {
    setPrefs((p) => ({ ...p, [kind]: { ...p[kind], [channel]: on } }));
    setStatus(null);
    startTransition(async () => {
      const res = await setPreference({ kind, channel, on });
      if (!res.ok) setPrefs((p) => ({ ...p, [kind]: { ...p[kind], [channel]: !on } }));
      setStatus(res.ok ? "saved" : "error");
    });
  }

  return (
    <div className="space-y-3">
      {KINDS.map((kind) => (
        <fieldset key={kind} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
          <legend className="sr-only">{t(`kinds.${kind}`)}</legend>
          <p className="mb-2 text-sm font-medium" aria-hidden>
            {t(`kinds.${kind}`)}
          </p>
          <div className="grid grid-cols-2 gap-2 text-sm">
            <label className="flex items-center gap-2 text-slate-500">
              <input type="checkbox" className="h-5 w-5" checked disabled />
              {t("channels.inApp")}
            </label>
            {channels.map((channel) => (
              <label key={channel} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  className="h-5 w-5"
                  checked={prefs[kind][channel]}
                  onChange={(e) => toggle(kind, channel, e.target.checked)}
                  aria-label={`${t(`kinds.${kind}`)} · ${t(`channels.${channel}`)}`}
                />
                {t(`channels.${channel}`)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <p className="text-xs text-slate-500">{t("emergencies")}</p>
      {status === "saved" ? (
        <p role="status" className="text-sm text-brand-700">
          {t("saved")}
        </p>
      ) : status === "error" ? (
        <p role="alert" className="text-sm text-red-600">
          {t("error")}
        </p>
      ) : null}
    </div>
  );
}

/** "WeChat bound" with an unbind button, or how to bind (open the official account's menu). */
export function WechatBindingCard({ bound, unbind }: { bound: boolean; unbind: ActionFn<Record<string, never>> }) {
  const t = useTranslations("messaging.preferences");
  const [pending, startTransition] = useTransition();
  const [isBound, setBound] = useState(bound);
  const router = useRouter();
  return (
    <div className="rounded-lg bg-white p-3 text-sm shadow-sm ring-1 ring-slate-200" data-testid="wechat-binding">
      <p className="font-medium">{t("wechatTitle")}</p>
      <p className="mt-1 text-slate-600">{isBound ? t("wechatBound") : t("wechatNotBound")}</p>
      {isBound ? (
        <Button
          type="button"
          variant="secondary"
          className="mt-2"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const res = await unbind({});
              if (!res.ok) return;
              setBound(false);
              router.refresh();
            })
          }
        >
          {t("unbind")}
        </Button>
      ) : null}
    </div>
  );
}
