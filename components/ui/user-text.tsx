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

/**
 * The same for a sentence with several user-text values ("Move 125 households from {from} to {to}?"):
 * each value is marked data-user-text wherever the translation puts it.
 */
export function withUserTexts<K extends string>(
  sentence: (values: Record<K, string>) => string,
  values: Record<K, ReactNode>,
): ReactNode {
  const keys = Object.keys(values) as K[];
  const stand = Object.fromEntries(keys.map((k, i) => [k, `${MARK}${i}${MARK}`])) as Record<K, string>;
  const parts = sentence(stand).split(MARK);
  // parts alternate: text, index, text, index, … text
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 0 ? (
          p
        ) : (
          <span key={i} data-user-text>
            {values[keys[Number(p)]]}
          </span>
        ),
      )}
    </>
  );
}
