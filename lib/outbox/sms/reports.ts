import { and, eq, inArray } from "drizzle-orm";
import { outboxMessages } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";

/*
 * Delivery reports (回执): the provider tells whether each SMS reached the phone.
 * Aliyun SmsReport (HTTP push): [{ biz_id, phone_number, success, err_code, err_msg, report_time, … }].
 * Tencent 短信下发状态回调: [{ sid, mobile, report_status: "SUCCESS" | "FAIL", errmsg, description, … }].
 */

export interface DeliveryReport {
  providerRef: string;
  delivered: boolean;
  error?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

export function parseAliyunReports(body: unknown): DeliveryReport[] {
  if (!Array.isArray(body)) return [];
  return body.filter(isRecord).flatMap((r) =>
    typeof r.biz_id === "string"
      ? [
          {
            providerRef: r.biz_id,
            delivered: r.success === true,
            error: r.success === true ? undefined : String(r.err_code ?? r.err_msg ?? ""),
          },
        ]
      : [],
  );
}

export function parseTencentReports(body: unknown): DeliveryReport[] {
  if (!Array.isArray(body)) return [];
  return body.filter(isRecord).flatMap((r) =>
    typeof r.sid === "string"
      ? [
          {
            providerRef: r.sid,
            delivered: r.report_status === "SUCCESS",
            error: r.report_status === "SUCCESS" ? undefined : String(r.errmsg ?? r.description ?? ""),
          },
        ]
      : [],
  );
}

/**
 * Applies reports to the outbox: a sent SMS becomes delivered, or failed with the provider's
 * error. Only rows still "sent" change, so a repeated report does nothing; unknown ids are ignored.
 * Returns how many rows changed.
 */
export async function applyDeliveryReports(db: DbOrTx, reports: DeliveryReport[], now = new Date()): Promise<number> {
  let changed = 0;
  for (const r of reports.slice(0, 1000)) {
    const rows = await db
      .update(outboxMessages)
      .set(
        r.delivered
          ? { status: "delivered", deliveredAt: now }
          : { status: "failed", lastError: `provider report: ${r.error ?? "failed"}`.slice(0, 500) },
      )
      .where(
        and(
          eq(outboxMessages.providerRef, r.providerRef),
          inArray(outboxMessages.status, ["sent"]),
          eq(outboxMessages.channel, "sms"),
        ),
      )
      .returning({ id: outboxMessages.id });
    changed += rows.length;
  }
  return changed;
}
