import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/tickets/action-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime } from "@/lib/i18n/format";
import { residentActivity } from "@/lib/portal/activities";
import { signupRefusal } from "@/lib/portal/rules";
import { cancelSignupAction, signUpAction } from "../../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.activities"))("title") };
}

export default async function ActivityPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(["resident"]);
  const raw = (await params).id;
  if (!/^\d{1,12}$/.test(raw)) notFound();
  const a = await residentActivity(getDb(), user.companyId, user.id, Number(raw));
  if (!a) notFound();
  const t = await getTranslations("portal.activities");
  const locale = (await getLocale()) as Locale;
  const now = new Date();
  const closed = signupRefusal(a, now) !== null;
  const full = Number(a.confirmed) >= a.capacity;
  const signedUp = a.myStatus === "confirmed" || a.myStatus === "waiting";
  return (
    <div className="space-y-4">
      <Card>
        <h1 className="text-lg font-semibold" data-user-text>
          {a.title}
        </h1>
        <dl className="mt-2 space-y-1 text-sm">
          <div className="flex gap-2">
            <dt className="w-20 shrink-0 text-slate-600">{t("when")}</dt>
            <dd>
              {formatDateTime(a.startsAt, locale, user.timeZone)} – {formatDateTime(a.endsAt, locale, user.timeZone)}
            </dd>
          </div>
          <div className="flex gap-2">
            <dt className="w-20 shrink-0 text-slate-600">{t("place")}</dt>
            <dd data-user-text>{a.place}</dd>
          </div>
          <div className="flex gap-2">
            <dt className="w-20 shrink-0 text-slate-600">{t("deadline")}</dt>
            <dd>{formatDateTime(a.signupDeadline, locale, user.timeZone)}</dd>
          </div>
        </dl>
        <p className="mt-3 whitespace-pre-wrap text-sm text-slate-800" data-user-text>
          {a.description}
        </p>
        <p className="mt-3 text-sm font-medium" data-testid="seats">
          {t("seats", { confirmed: Number(a.confirmed), capacity: a.capacity })}
          {Number(a.waiting) ? ` · ${t("waitingCount", { count: Number(a.waiting) })}` : ""}
        </p>
      </Card>
      <Card>
        <div data-testid="my-status" className="mb-3 text-sm font-medium">
          {a.myCheckedInAt
            ? t("checkedIn")
            : a.myStatus === "confirmed"
              ? t("confirmed")
              : a.myStatus === "waiting"
                ? t("waiting", { position: Number(a.myPosition) })
                : closed
                  ? t("closed")
                  : full
                    ? t("full")
                    : null}
        </div>
        {signedUp ? (
          now < a.startsAt ? (
            <ActionForm action={cancelSignupAction}>
              <input type="hidden" name="id" value={a.id} />
              <Button type="submit" variant="secondary" className="w-full">
                {t("cancel")}
              </Button>
            </ActionForm>
          ) : null
        ) : closed ? null : (
          <ActionForm action={signUpAction}>
            <input type="hidden" name="id" value={a.id} />
            <Button type="submit" className="w-full py-3 text-base">
              {full ? t("joinWaiting") : t("signUp")}
            </Button>
          </ActionForm>
        )}
      </Card>
      <Link href="/community/activities" className="block text-center text-sm text-brand-700 hover:underline">
        {t("back")}
      </Link>
    </div>
  );
}
