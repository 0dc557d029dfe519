import { z } from "zod";
import { phoneField } from "@/lib/validation";

/** "Send me a sign-in code" (the sign-in page's phone-code tab). */
export const requestCodeSchema = z.object({ phone: phoneField });
export type RequestCodeInput = z.input<typeof requestCodeSchema>;
