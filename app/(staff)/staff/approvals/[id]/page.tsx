import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { attachAction, decideAction, withdrawAction } from "@/app/(staff)/staff/approvals/actions";
import { ChainSteps } from "@/components/approvals/chain-steps";
import { ActionForm, FieldError } from "@/components/tickets/action-form";
import { DecisionForm, WithdrawButton } from "@/components/approvals/decision-form";
import { RequestStatusBadge } from "@/components/approvals/status-badge";
import { categoryLabel } from "@/components/finance/category-label";
import { Card, PageHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { loadActorFacts } from "@/lib/approvals/access";
import { canViewRequest, requestDetail } from "@/lib/approvals/queries";
import { isEditable, stepDenial, type StepRole } from "@/lib/approvals/rules";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/config";
import { formatDateTime, formatFen } from "@/lib/i18n/format";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: `${(await getTranslations("approvals"))("title")} #${(await params).id}` };
}

type Detail = NonNullable<Awaited<ReturnType<typeof requestDetail>>>;

/** One request: its fields, the chain drawn as steps, the decision panel for whoever may decide, and the timeline. */
export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(STAFF_ROLES);
  const raw = (await params).id;
  if (!/^\d{1,12}$/.test(raw)) notFound();
  const db = getDb();
  const detail = await requestDetail(db, user.companyId, Number(raw));
  const facts = await loadActorFacts(db, user.companyId, user.id, user.roles);
  if (!detail || !canViewRequest(detail, facts)) notFound();
  const t = await getTranslations("approvals");
  const tf = await getTranslations("finance");
  const tr = await getTranslations("roles");
  const locale = (await getLocale()) as Locale;
  const mine = detail.requesterUserId === user.id;
  const current =
    detail.status === "pending"
      ? detail.steps.find((s) => s.round === detail.round && s.position === detail.currentStep)
      : undefined;
  const mayDecide = current && stepDenial(current.role as StepRole, facts, detail) === null;
  const d = detail.details as Record<string, string | null>;
  const rows: [string, string, "user"?][] = [
    [t("fields.type"), t(`type.${detail.type}`)],
    [t("fields.community"), detail.communityName, "user"],
    [t("detail.requester"), detail.requesterName, "user"],
  ];
  if (detail.amountFen) rows.push([t("list.amount"), formatFen(detail.amountFen, locale)]);
  if (detail.categoryId)
    rows.push([t("fields.category"), categoryLabel(tf, detail.categoryCode, detail.categoryName), "user"]);
  if (detail.type === "contract")
    rows.push(
      [t("fields.party"), d.party ?? "", "user"],
      [t("fields.termFrom"), `${d.termFrom ?? ""} – ${d.termTo ?? ""}`],
    );
  if (detail.type === "expense" && d.receipts) rows.push([t("fields.receipts"), d.receipts, "user"]);
  if (detail.type === "leave")
    rows.push(
      [t("fields.leaveType"), d.leaveType ? t(`leaveTypes.${d.leaveType}` as "leaveTypes.annual") : ""],
      [t("fields.leaveFrom"), `${detail.leaveFrom} – ${detail.leaveTo}`],
    );
  if (detail.approvedOn) rows.push([t("detail.approvedOn"), detail.approvedOn]);
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader
        title={`#${detail.id} ${detail.title}`}
        userTitle
        actions={<RequestHeaderActions detail={detail} mine={mine} />}
      />
      <DetailsCard detail={detail} rows={rows} locale={locale} />
      <FilesCard detail={detail} mine={mine} />
      <Card title={`${t("detail.chain")}${detail.round > 1 ? ` · ${t("detail.round", { round: detail.round })}` : ""}`}>
        <ChainSteps detail={detail} timeZone={user.timeZone} />
        {mayDecide && current ? (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <h3 className="mb-2 text-sm font-semibold">
              {t("actions.decide")} · {tr(current.role as "supervisor")}
            </h3>
            <DecisionForm decideAction={decideAction} requestId={detail.id} position={current.position} />
          </div>
        ) : null}
      </Card>
      <RequestTimeline detail={detail} locale={locale} timeZone={user.timeZone} />
      <Link href="/staff/approvals" className="text-sm text-brand-700 hover:underline">
        ← {t("detail.back")}
      </Link>
    </div>
  );
}

async function RequestHeaderActions({ detail, mine }: { detail: Detail; mine: boolean }) {
  const t = await getTranslations("approvals");
  return (
    <div className="flex flex-wrap items-center gap-2">
      <RequestStatusBadge status={detail.status} />
      {mine && isEditable(detail.status) ? (
        <Link
          href={`/staff/approvals/${detail.id}/edit`}
          className="rounded-md px-3 py-2 text-sm text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          {t("actions.edit")}
        </Link>
      ) : null}
      {mine && ["draft", "pending", "returned"].includes(detail.status) ? (
        <WithdrawButton withdrawAction={withdrawAction} requestId={detail.id} />
      ) : null}
    </div>
  );
}

async function DetailsCard({
  detail,
  rows,
  locale,
}: {
  detail: Detail;
  rows: [string, string, "user"?][];
  locale: Locale;
}) {
  const t = await getTranslations("approvals");
  return (
    <Card title={t("detail.details")}>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {rows.map(([k, v, user]) => (
          <div key={k}>
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-medium" data-user-text={user ? "" : undefined}>
              {v}
            </dd>
          </div>
        ))}
      </dl>
      {detail.description ? (
        <p className="mt-3 whitespace-pre-wrap text-sm text-slate-700" data-user-text>
          {detail.description}
        </p>
      ) : null}
      {detail.lines.length ? (
        <div className="mt-4">
          <Table head={[t("fields.item"), t("fields.quantity"), t("fields.unitPrice"), t("fields.lineAmount")]}>
            {detail.lines.map((l) => (
              <tr key={l.id}>
                <td data-user-text>{l.item}</td>
                <td className="tabular-nums">{l.quantity}</td>
                <td className="tabular-nums">{formatFen(l.unitPriceFen, locale)}</td>
                <td className="tabular-nums">{formatFen(l.amountFen, locale)}</td>
              </tr>
            ))}
            <tr className="font-semibold">
              <td colSpan={3}>{t("fields.total")}</td>
              <td className="tabular-nums" data-testid="request-total">
                {formatFen(detail.amountFen ?? 0, locale)}
              </td>
            </tr>
          </Table>
        </div>
      ) : null}
    </Card>
  );
}

async function FilesCard({ detail, mine }: { detail: Detail; mine: boolean }) {
  const t = await getTranslations("approvals");
  return (
    <Card title={t("detail.files")}>
      {detail.files.length === 0 ? <p className="text-sm text-slate-500">{t("detail.noFiles")}</p> : null}
      <div className="flex flex-wrap gap-2" data-testid="files">
        {detail.files.map((f) => (
          <a key={f.id} href={`/api/files/a${f.id}`} target="_blank" rel="noreferrer">
            {/* eslint-disable-next-line @next/next/no-img-element -- authorized file route, not a static asset */}
            <img
              src={`/api/files/a${f.id}`}
              alt={`${t("detail.files")} ${f.id}`}
              className="h-24 w-24 rounded object-cover ring-1 ring-slate-200"
            />
          </a>
        ))}
      </div>
      {mine && ["draft", "pending", "returned"].includes(detail.status) ? (
        <ActionForm action={attachAction} className="mt-3 flex flex-wrap items-center gap-2" testId="attach-form">
          <input type="hidden" name="requestId" value={detail.id} />
          <input
            type="file"
            name="photos"
            accept="image/*"
            multiple
            aria-label={t("fields.attachments")}
            className="text-sm"
          />
          <button type="submit" className="rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300 hover:bg-slate-50">
            {t("detail.upload")}
          </button>
          <FieldError name="photos" />
        </ActionForm>
      ) : null}
    </Card>
  );
}

async function RequestTimeline({ detail, locale, timeZone }: { detail: Detail; locale: Locale; timeZone: string }) {
  const t = await getTranslations("approvals");
  return (
    <Card title={t("detail.timeline")}>
      <ol className="space-y-2 text-sm" data-testid="timeline">
        {detail.events.map((e) => (
          <li key={e.id} className="flex flex-wrap gap-x-2">
            <span className="text-slate-500">{formatDateTime(e.createdAt, locale, timeZone)}</span>
            <span className="font-medium" data-user-text>
              {e.actorName}
            </span>
            <span>{t(`events.${e.kind}`)}</span>
            {e.comment ? (
              <span className="italic text-slate-600" data-user-text>
                “{e.comment}”
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
