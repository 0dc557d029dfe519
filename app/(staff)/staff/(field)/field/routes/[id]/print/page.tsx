import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import { PrintButton } from "@/components/billing/print-button";
import { withUserText } from "@/components/ui/user-text";
import { requireUser } from "@/app/_lib/session";
import { FIELD_SUPERVISOR_ROLES } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { routeSheet } from "@/lib/field/queries";

export async function generateMetadata() {
  return { title: (await getTranslations("field.sheet"))("print") };
}

/**
 * A route's printable QR sheet (issue 19): one A4 page (print stylesheet), each checkpoint's
 * token as an SVG QR code with its number and name, to cut out and stick on the walls.
 * Supervisors only; another company's route is 404.
 */
export default async function RouteSheetPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(FIELD_SUPERVISOR_ROLES);
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const sheet = await routeSheet(getDb(), user.companyId, Number(id));
  if (!sheet) notFound();
  const t = await getTranslations("field.sheet");
  const codes = await Promise.all(
    sheet.points.map(async (p) => ({
      ...p,
      svg: await QRCode.toString(p.token, { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
    })),
  );
  return (
    <div className="space-y-4 bg-white">
      <div className="flex items-center justify-between gap-2">
        <h1 className="text-lg font-semibold">
          {withUserText((route) => t("title", { route }), `${sheet.community} ${sheet.name}`)}
        </h1>
        <PrintButton label={t("print")} />
      </div>
      <p className="no-print text-sm text-slate-600">{t("hint")}</p>
      <ul className="grid grid-cols-2 gap-4 print:grid-cols-2" data-testid="qr-sheet">
        {codes.map((c) => (
          <li key={c.seq} className="break-inside-avoid rounded-md border border-slate-300 p-3 text-center">
            <div
              className="mx-auto w-40"
              data-testid={`qr-${c.seq}`}
              // The SVG is generated on the server by the qrcode library from our own token (no user markup).
              dangerouslySetInnerHTML={{ __html: c.svg }}
            />
            <p className="mt-2 text-base font-semibold">
              {c.seq}. <span data-user-text>{c.name}</span>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
