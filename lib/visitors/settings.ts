import { eq } from "drizzle-orm";
import { visitorSettings } from "@/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { DEFAULT_RETENTION_DAYS } from "./rules";

/** The company's retention period for visitors' names and plates, in days. */
export async function retentionDays(db: DbOrTx, companyId: number): Promise<number> {
  const [row] = await db
    .select({ days: visitorSettings.retentionDays })
    .from(visitorSettings)
    .where(eq(visitorSettings.companyId, companyId));
  return row?.days ?? DEFAULT_RETENTION_DAYS;
}
