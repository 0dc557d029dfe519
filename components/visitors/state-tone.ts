/** The colours of a pass's state (badges, the gate's result panel). */
export const STATE_TONE: Record<string, string> = {
  valid: "bg-green-100 text-green-800 ring-green-300",
  admitted: "bg-green-100 text-green-800 ring-green-300",
  not_yet_valid: "bg-amber-100 text-amber-900 ring-amber-300",
  expired: "bg-slate-100 text-slate-700 ring-slate-300",
  used: "bg-red-100 text-red-800 ring-red-300",
  revoked: "bg-red-100 text-red-800 ring-red-300",
  foreign: "bg-red-100 text-red-800 ring-red-300",
  unknown: "bg-red-100 text-red-800 ring-red-300",
};
