/** A category's display name: the translated default for built-in codes, else its stored name (fee items, custom). */
export function categoryLabel(
  t: { has: (key: string) => boolean; (key: string): string },
  code: string | null,
  name: string | null,
): string {
  if (code && t.has(`codes.${code}`)) return t(`codes.${code}`);
  return name ?? "—";
}
