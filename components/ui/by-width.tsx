import type { ReactNode } from "react";

/** A dense view from the md breakpoint up (tables) and a phone view below it (cards), from the same rows. */
export function ByWidth({ wide, narrow }: { wide: ReactNode; narrow: ReactNode }) {
  return (
    <>
      <div className="hidden md:block">{wide}</div>
      <div className="md:hidden">{narrow}</div>
    </>
  );
}
