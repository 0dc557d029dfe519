import type { Transaction } from "@libsql/client";
import { households } from "@/db/schema";
import { isUniqueViolation } from "@/lib/db/errors";
import { newHouseholdCode } from "../../codes";
import type { UnitsPlan } from "./model";
import { insertStatement } from "../write-sql";
import { ROWS_PER_STATEMENT, type WriteContext } from "../apply";
import { chunk as chunks } from "@/lib/db/chunk";

const CODE_ATTEMPTS = 5;

/** Inserts the new households with fresh codes; on the rare code collision, new codes for the chunk. */
export async function insertHouseholds(
  tx: Transaction,
  plan: UnitsPlan,
  ctx: WriteContext,
  now: number,
  step: (n: number) => Promise<void>,
) {
  const newCode = ctx.newCode ?? newHouseholdCode;
  const used = new Set<string>();
  const fresh = () => {
    let code = newCode();
    while (used.has(code)) code = newCode();
    used.add(code);
    return code;
  };
  const ids: number[] = [];
  const codes: string[] = [];
  const columns = [
    households.companyId,
    households.name,
    households.kind,
    households.code,
    households.active,
    households.createdAt,
    households.updatedAt,
  ];
  for (const chunk of chunks(plan.householdCreates, ROWS_PER_STATEMENT)) {
    for (let attempt = 1; ; attempt++) {
      const chunkCodes = chunk.map(fresh);
      const statement = insertStatement(
        households,
        columns,
        chunk.map((h, i) => [ctx.companyId, h.name, h.kind, chunkCodes[i], 1, now, now]),
        [households.id, households.code],
      );
      try {
        const result = await tx.execute(statement);
        const idOf = new Map(result.rows.map((r) => [String(r.code), Number(r.id)]));
        for (const code of chunkCodes) {
          ids.push(idOf.get(code)!);
          codes.push(code);
        }
        break;
      } catch (e) {
        // households.code is unique across every company; a failed statement leaves the transaction open.
        if (attempt >= CODE_ATTEMPTS || !isUniqueViolation(e, "households.code")) throw e;
      }
    }
    await step(chunk.length);
  }
  return { ids, codes };
}
