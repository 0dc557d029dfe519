/*
 * Template SMS (Chinese providers send only registered templates): which settings kind each
 * outbox template uses, and the parameters it passes, in the order Tencent's TemplateParamSet
 * needs ({1}, {2}, …) and by name for Aliyun's TemplateParam (${name}). Register the templates
 * with exactly these variables (README "SMS").
 */
const KIND_OF: Record<string, { kind: string; params: readonly string[] }> = {
  receipt: { kind: "receipt", params: ["receiptNo", "amount"] },
  arrearsNotice: { kind: "arrears", params: ["months", "owed"] },
  notice: { kind: "emergency", params: ["title"] },
  activityPromoted: { kind: "activity", params: ["title"] },
  signInCode: { kind: "signInCode", params: ["code", "minutes"] },
};

export interface TemplateSms {
  kind: string;
  /** Parameter names in template order, with their values as text. */
  params: [string, string][];
}

/**
 * The template kind and parameters of an outbox message, or null when the message has no SMS
 * template (it then cannot go by a template provider; the log transport sends the text).
 * Money ("…Fen") is passed as yuan with two decimals under the name without "Fen".
 */
export function templateSmsOf(templateKey: string, params: Record<string, string | number | null>): TemplateSms | null {
  const spec = KIND_OF[templateKey];
  if (!spec) return null;
  const value = (name: string): string => {
    const fen = params[`${name}Fen`];
    if (typeof fen === "number") return yuan(fen);
    const v = params[name];
    return v === null || v === undefined ? "" : String(v);
  };
  return { kind: spec.kind, params: spec.params.map((name) => [name, value(name)]) };
}

/** Integer fen as plain yuan text, e.g. 123456 → "1234.56" (no float arithmetic). */
export function yuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
