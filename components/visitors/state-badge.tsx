import { getTranslations } from "next-intl/server";
import { STATE_TONE } from "./state-tone";

/** A pass's state as a coloured label. */
export async function PassStateBadge({ state }: { state: string }) {
  const t = await getTranslations("visitors.state");
  return (
    <span
      data-testid="pass-state"
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STATE_TONE[state] ?? ""}`}
    >
      {t(state)}
    </span>
  );
}
