import { noticeNumber } from "@/lib/crm/rules/arrears";

/**
 * The quick jump's reading of what was typed (issue 16): any text searches households by name,
 * phone, code or unit; a bare number (or "#123") is also a work order number; "催-2026-000123" (English "AN-2026-000123"),
 * "2026-123" or "2026-000123" is also an arrears notice number. Pure: no I/O.
 */
export const JUMP_MIN_LENGTH = 2;
export const JUMP_MAX_LENGTH = 40;
/** Households listed at most (orders and notices match one number each). */
export const JUMP_HOUSEHOLD_LIMIT = 8;

export interface JumpQuery {
  /** The text for the household search ("" = do not search households). */
  text: string;
  orderId: number | null;
  /** The canonical notice number (lib/crm/rules/arrears.ts noticeNumber), or null. */
  noticeNumber: string | null;
}

const MAX_ORDER_ID = 2_147_483_647;

export function parseJumpQuery(raw: string): JumpQuery {
  const text = raw.trim().slice(0, JUMP_MAX_LENGTH);
  const orderMatch = /^(?:#|no\.?\s*)?(\d{1,10})$/i.exec(text);
  const orderNumber = orderMatch ? Number(orderMatch[1]) : NaN;
  const orderId =
    Number.isSafeInteger(orderNumber) && orderNumber > 0 && orderNumber <= MAX_ORDER_ID ? orderNumber : null;
  const noticeMatch = /^(?:(?:催|AN)\s*-?\s*)?(\d{4})\s*-\s*(\d{1,6})$/i.exec(text);
  return {
    text: text.length >= JUMP_MIN_LENGTH ? text : "",
    orderId,
    noticeNumber: noticeMatch ? noticeNumber(Number(noticeMatch[1]), Number(noticeMatch[2])) : null,
  };
}
