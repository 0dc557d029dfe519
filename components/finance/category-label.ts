/** A category's display name: the translated default for built-in codes, else its stored name (fee items, custom). */
export function categoryLabel(
  t: { has: (key: string) => boolean; (key: string): string },
  code: string | null,
  name: string | null,
): string {
  if (code && t.has(`codes.${code}`)) return t(`codes.${code}`);
  return name ?? "—";
}

/** Whether a category's display name is the company's own (a fee item, a custom category): user text. */
export function categoryIsUser(t: { has: (key: string) => boolean }, code: string | null): boolean {
  return !(code && t.has(`codes.${code}`));
}
