/** FormData → the plain object the shared zod schemas parse; files are taken separately. */
export function fieldsOf(fd: FormData, arrays: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(fd.keys())) {
    const values = fd.getAll(key).filter((v): v is string => typeof v === "string");
    if (arrays.includes(key)) out[key] = values;
    else if (values.length) out[key] = values[0];
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}

export function filesOf(fd: FormData, key = "photos"): File[] {
  return fd.getAll(key).filter((v): v is File => typeof v !== "string" && v.size > 0);
}
