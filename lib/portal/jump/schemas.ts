import { z } from "zod";
import { JUMP_MAX_LENGTH } from "./rules";

/** GET /api/jump?q=… — what was typed in the quick jump box. */
export const jumpQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(JUMP_MAX_LENGTH * 4, "validation.tooLong")
    .default(""),
});

export interface JumpResult {
  kind: "household" | "order" | "notice";
  id: number;
  href: string;
  /** The household's name, the order's title or the notice number (data, shown as stored). */
  title: string;
  /** A unit address ("1栋-1201"), or null. */
  unit: string | null;
  /** The order's type (tickets.type.<key>) or the notice's kind (arrears.kind.<key>) for the reader's language. */
  typeKey: string | null;
  phone: string | null;
}
