import { after } from "next/server";
import { wechatAccount } from "@/lib/billing/payment-accounts/queries";
import { readSignatureHeaders } from "@/lib/billing/providers/wechatpay/crypto";
import { secretsKey } from "@/lib/crypto/secrets";
import { getDb } from "@/lib/db";
import { handleWechatNotification } from "@/lib/flows/wechatpay-notify";
import { deliverSoon } from "@/lib/outbox/job";

export const dynamic = "force-dynamic";

const fail = (status: number, message: string) => Response.json({ code: "FAIL", message }, { status });

/**
 * POST /api/payments/wechatpay/<companyId>/notify — WeChat Pay v3 payment and refund
 * notifications for one company's merchant account. Headers Wechatpay-Signature/-Timestamp/
 * -Nonce/-Serial are verified with the account's platform public key and the resource is
 * decrypted with its APIv3 key; anything else is 401 and writes nothing. Success is 204 (as
 * the v3 docs ask); WeChat retries anything else, and a retry records nothing twice.
 */
export async function POST(request: Request, { params }: { params: Promise<{ companyId: string }> }) {
  const since = new Date();
  const { companyId: raw } = await params;
  const companyId = Number(raw);
  if (!/^\d{1,9}$/.test(raw)) return fail(404, "unknown merchant");
  const body = await request.text();
  if (body.length > 20_000) return fail(413, "too large");
  try {
    const account = await wechatAccount(getDb(), secretsKey, companyId);
    if (!account) return fail(404, "unknown merchant");
    const outcome = await handleWechatNotification(
      getDb(),
      companyId,
      account,
      readSignatureHeaders(request.headers),
      body,
    );
    if (outcome.created) after(() => deliverSoon(getDb(), companyId, since));
    return outcome.status === 200 ? new Response(null, { status: 204 }) : fail(outcome.status, "refused");
  } catch (e) {
    console.error("[wechatpay notify] failed", e);
    return fail(500, "error");
  }
}
