import { after } from "next/server";
import { alipayAccount } from "@/lib/billing/payment-accounts/queries";
import { secretsKey } from "@/lib/crypto/secrets";
import { getDb } from "@/lib/db";
import { handleAlipayNotification } from "@/lib/flows/alipay-notify";
import { deliverSoon } from "@/lib/outbox/job";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/**
 * POST /api/payments/alipay/<companyId>/notify — Alipay asynchronous notifications (form-encoded,
 * RSA2-signed with the Alipay key of the company's account). "success" acknowledges (Alipay
 * retries anything else); a bad signature is 401 "fail" and writes nothing; a retry records nothing twice.
 */
export async function POST(request: Request, { params }: { params: Promise<{ companyId: string }> }) {
  const since = new Date();
  const { companyId: raw } = await params;
  if (!/^\d{1,9}$/.test(raw)) return text("fail", 404);
  const companyId = Number(raw);
  const body = await request.text();
  if (body.length > 20_000) return text("fail", 413);
  try {
    const account = await alipayAccount(getDb(), secretsKey, companyId);
    if (!account) return text("fail", 404);
    const outcome = await handleAlipayNotification(getDb(), companyId, account, body);
    if (outcome.created) after(() => deliverSoon(getDb(), companyId, since));
    return outcome.status === 200 ? text("success", 200) : text("fail", outcome.status);
  } catch (e) {
    console.error("[alipay notify] failed", e);
    return text("fail", 500);
  }
}
