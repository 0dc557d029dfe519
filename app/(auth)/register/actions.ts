"use server";

import { headers } from "next/headers";
import { publicAction } from "@/lib/actions/authorized-action";
import { clientIp } from "@/lib/auth/client-ip";
import { registerResident } from "@/lib/residents/commands";
import { registerSchema } from "@/lib/residents/schemas";

/** Public: a visitor registers as a resident with a household code (pending the butler's approval). */
export const registerAction = publicAction({ schema: registerSchema }, async (input, { db }) => {
  const h = await headers();
  await registerResident(db, input, { ip: clientIp(Object.fromEntries(h)) });
  return null;
});
