/*
 * Our order number at a provider: the checkout session's UUID without hyphens (32 characters,
 * within WeChat's 6–32 [0-9A-Za-z_-|*] and Alipay's 64), and back.
 */
export function outTradeNo(sessionId: string): string {
  return sessionId.replace(/-/g, "");
}

/** The session id of an out_trade_no, or null when it is not one of ours. */
export function sessionIdOf(tradeNo: string): string | null {
  if (!/^[0-9a-f]{32}$/i.test(tradeNo)) return null;
  const t = tradeNo.toLowerCase();
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-${t.slice(12, 16)}-${t.slice(16, 20)}-${t.slice(20)}`;
}
