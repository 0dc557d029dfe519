/**
 * The import end to end: bytes → decode → parse → header → validate against the company's
 * registry → (write). `checkImport` (check.ts) only reports; `runImport` validates the whole file before
 * taking any write lock, then writes in short transactions that each re-check what they write
 * (buildings: one transaction; units: chunks, see chunks.ts), with one audit entry
 * summarising the run.
 */
import { analyzeDb, ANALYZE_AFTER_ROWS } from "@/lib/db/analyze";
import type { Db } from "@/lib/db/client";
import { companyTimeZone } from "@/lib/tenancy/queries";
import { applyBuildingsPlan, insertAudit } from "./apply";
import { unitsPlanSize, type UnitsApplied } from "./apply-units";
import {
  communityOf,
  readFile,
  validate,
  withValidation,
  type CheckReport,
  type ImportFile,
  type Prepared,
  type Validated,
} from "./check";
import { householdChunks, writeUnitsInChunks } from "./chunks";
import { rawWriteTransaction } from "./write-sql";
import { type UnitColumn } from "./columns";
import { EVERY_COMMUNITY, type ImportScope } from "./scope";
import { loadBuildingsSnapshot } from "./snapshot";
import { type SourceRow } from "./table";
import { validateBuildings } from "./validate-buildings";
import { localDate } from "@/lib/time/zone";
import { yieldToLoop } from "@/lib/jobs/slice";

export type RunResult =
  | { status: "rejected"; report: CheckReport }
  | {
      status: "done";
      report: CheckReport;
      created: number;
      updated: number;
      unchanged: number;
      skipped: number;
      units: UnitsApplied | null;
    };

export interface RunContext {
  companyId: number;
  actorUserId: number | null;
  /** Import the valid rows and skip the others; by default any error rejects the whole file. */
  validOnly: boolean;
  onProgress?: (done: number, total: number) => void | Promise<void>;
  newCode?: () => string;
  /** The communities the user may import into (default: every one of the company). */
  scope?: ImportScope;
  /** Rows per write transaction of a units import (default CHUNK_ROWS). */
  chunkRows?: number;
  /** Called after each committed chunk of a units import. */
  onChunkCommitted?: (index: number) => void | Promise<void>;
}

type WriteCtx = {
  companyId: number;
  actorUserId: number | null;
  onProgress?: RunContext["onProgress"];
  newCode?: () => string;
  importDay: string;
};

/** Buildings: a small file; re-validated and written in one short write transaction. */
function writeBuildings(
  db: Db,
  ctx: RunContext,
  scope: ImportScope,
  prepared: Prepared & { kind: "buildings" },
  writeCtx: WriteCtx,
) {
  return rawWriteTransaction(db, async (tx) => {
    // Read on the client's other connections while this transaction holds the write lock.
    const validation = validateBuildings(prepared.rows, await loadBuildingsSnapshot(db, ctx.companyId, scope));
    if (validation.invalidRows > 0 && !ctx.validOnly) return { validation, commit: false };
    await applyBuildingsPlan(tx, validation.plan, writeCtx);
    return { validation, commit: true };
  });
}

/**
 * Validates the whole file without any lock; rejects it (nothing written) when any row is
 * invalid unless `validOnly`. Then writes in short transactions that each re-read and
 * re-validate the rows they write: when another writer made a chunk invalid meanwhile, the
 * run stops there (earlier chunks stay written) and is rejected with that chunk's errors;
 * importing the same file again resumes. The summary audit entry is written last.
 */
export async function runImport(db: Db, ctx: RunContext, file: ImportFile): Promise<RunResult> {
  const scope = ctx.scope ?? EVERY_COMMUNITY;
  const community = await communityOf(db, ctx.companyId, file, scope);
  // Reading and validating yield to the event loop inside (lib/jobs/slice.ts); between the
  // whole-file steps requests get a turn as well.
  await yieldToLoop();
  const { report, prepared } = await readFile(file, community);
  if (!prepared) return { status: "rejected", report };
  await yieldToLoop();
  const validated = await validate(db, ctx.companyId, prepared, community, scope);
  await yieldToLoop();
  const checked = withValidation(report, validated.validation, prepared);
  const { invalidRows } = validated.validation;
  let { outcome } = validated.validation;
  if ((invalidRows > 0 && !ctx.validOnly) || outcome.created + outcome.updated + outcome.unchanged === 0)
    return { status: "rejected", report: checked };
  const importDay = localDate(new Date(), await companyTimeZone(db, ctx.companyId));
  const writeCtx: WriteCtx = {
    companyId: ctx.companyId,
    actorUserId: ctx.actorUserId,
    onProgress: ctx.onProgress,
    newCode: ctx.newCode,
    importDay,
  };
  let units: UnitsApplied | null = null;
  let skipped = invalidRows;
  if (prepared.kind === "buildings") {
    const written = await writeBuildings(db, ctx, scope, prepared, writeCtx);
    if (!written.commit) return { status: "rejected", report: withValidation(report, written.validation, prepared) };
    ({ outcome } = written.validation);
    skipped = written.validation.invalidRows;
  } else if (validated.kind === "units") {
    const written = await writeUnits(db, ctx, community!.id, writeCtx, prepared.rows, validated);
    if (written.status === "stopped")
      return { status: "rejected", report: withValidation(report, written.validation, prepared) };
    ({ outcome, units } = written);
    skipped = invalidRows + written.skipped;
  }
  const summary = { ...outcome, skipped };
  await auditRun(db, writeCtx, file, community, report, ctx.validOnly, summary, units);
  if (outcome.created + outcome.updated >= ANALYZE_AFTER_ROWS) await analyzeDb(db); // fresh planner statistics
  return { status: "done", report: checked, ...summary, units };
}

/** The valid rows in chunks; the whole-file snapshot and plan are not kept while writing (memory). */
async function writeUnits(
  db: Db,
  ctx: RunContext,
  communityId: number,
  writeCtx: WriteCtx,
  rows: SourceRow<UnitColumn>[],
  validated: Validated & { kind: "units" },
) {
  const invalid = new Set(validated.validation.errors.map((e) => e.row));
  await yieldToLoop();
  const chunks = await householdChunks(
    rows.filter((r) => !invalid.has(r.row)),
    validated.snapshot,
    ctx.chunkRows,
  );
  const run = {
    companyId: ctx.companyId,
    communityId,
    validOnly: ctx.validOnly,
    write: writeCtx,
    buildingCodes: validated.buildingCodes,
    total: unitsPlanSize(validated.validation.plan),
    onChunkCommitted: ctx.onChunkCommitted,
  };
  return writeUnitsInChunks(db, run, chunks);
}

async function auditRun(
  db: Db,
  writeCtx: WriteCtx,
  file: ImportFile,
  community: CheckReport["community"],
  report: CheckReport,
  validOnly: boolean,
  summary: object,
  units: UnitsApplied | null,
) {
  await rawWriteTransaction(db, async (tx) => {
    await insertAudit(tx, writeCtx, [
      {
        action: `registry.import.${file.kind}`,
        entity: community ? "community" : "company",
        entityId: community ? community.id : writeCtx.companyId,
        after: {
          file: file.name ?? null,
          encoding: report.encoding,
          rows: report.rows,
          validOnly,
          ...summary,
          ...(units ? units.counts : {}),
        },
      },
    ]);
    return { commit: true };
  });
}
