import type { ReactNode } from "react";

const MARK = "\u2063"; // invisible separator: stands in for the value while the sentence is translated

/**
 * A translated sentence with one user-text value in it ("Not reached: {names}"): the sentence stays
 * checked by the e2e language check, the value (names typed by the company) is marked data-user-text.
 * `sentence` translates with the given stand-in as the value.
 */
export function withUserText(sentence: (value: string) => string, value: ReactNode): ReactNode {
  const [before, after = ""] = sentence(MARK).split(MARK);
  return (
    <>
      {before}
      <span data-user-text>{value}</span>
      {after}
    </>
  );
}
