import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { WIDTH_COOKIE, widthHint } from "./by-width-hint";

/**
 * A dense view from the md breakpoint up (tables) and a phone view below it (cards), from the same
 * rows. With the browser's width hint only that view is rendered, shown whatever the width (the
 * hint corrects itself and refreshes the page when the window crosses the breakpoint); without it
 * both, one hidden by CSS. An orders list drew its 50 rows twice on every visit.
 */
export async function ByWidth({ wide, narrow }: { wide: ReactNode; narrow: ReactNode }) {
  const hint = widthHint((await cookies()).get(WIDTH_COOKIE)?.value);
  if (hint) return <div data-by-width={hint}>{hint === "wide" ? wide : narrow}</div>;
  return (
    <>
      <div className="hidden md:block">{wide}</div>
      <div className="md:hidden">{narrow}</div>
    </>
  );
}
