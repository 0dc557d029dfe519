import { checkCronAuth } from "@/lib/cron/auth";
import { getDb } from "@/lib/db";
import { liveEnv } from "@/lib/env";
import { applyDeliveryReports, parseAliyunReports, parseTencentReports } from "@/lib/outbox/sms/reports";

export const dynamic = "force-dynamic";

const PARSERS = { aliyun: parseAliyunReports, tencent: parseTencentReports } as const;
/** What each provider expects back on success (their callback documentation). */
const OK = { aliyun: { code: 0, msg: "接收成功" }, tencent: { result: 0, errmsg: "OK" } } as const;

/**
 * POST /api/sms/report/aliyun|tencent?token=$SMS_REPORT_TOKEN — SMS delivery reports pushed by
 * the provider (configure this URL in its console). The providers sign nothing, so the secret
 * token in the URL is the gate: 503 when SMS_REPORT_TOKEN is unset (fails closed), 401 when it
 * differs, 404 for another provider name, 400 for a body that is not JSON.
 */
export async function POST(request: Request, { params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  if (provider !== "aliyun" && provider !== "tencent") return Response.json({ error: "not found" }, { status: 404 });
  const token = new URL(request.url).searchParams.get("token");
  const auth = checkCronAuth(token ? `Bearer ${token}` : null, liveEnv("SMS_REPORT_TOKEN"));
  if (auth === "unconfigured") return Response.json({ error: "SMS_REPORT_TOKEN is not configured" }, { status: 503 });
  if (auth === "unauthorized") return Response.json({ error: "unauthorized" }, { status: 401 });
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "invalid JSON" }, { status: 400 });
  }
  await applyDeliveryReports(getDb(), PARSERS[provider](body));
  return Response.json(OK[provider]);
}
