import { AppError } from "@/lib/actions/result";
import { authorizeRoute, routeError } from "@/lib/actions/authorized-route";
import { importQuerySchema, IMPORT_ROLES, queryOf, readUpload } from "@/lib/registry/import/http";
import { TOO_LARGE } from "@/lib/registry/import/parse";
import { reportForPage, type ApplyLine } from "@/lib/registry/import/report";
import { fileProblemReport } from "@/lib/registry/import/check";
import { runImport } from "@/lib/registry/import/run";
import { importScopeOf } from "@/lib/registry/import/scope";
import { findCommunity } from "@/lib/registry/import/snapshot";

export const dynamic = "force-dynamic";

/** Progress lines at most this often (the last one always). */
const PROGRESS_EVERY_MS = 100;

type Ctx = Parameters<typeof runImport>[1];
type ApplyJob = {
  db: Parameters<typeof runImport>[0];
  companyId: Ctx["companyId"];
  actorUserId: Ctx["actorUserId"];
  scope: Awaited<ReturnType<typeof importScopeOf>>;
  query: NonNullable<ReturnType<typeof queryOf<typeof importQuerySchema>>>;
  bytes: Exclude<Awaited<ReturnType<typeof readUpload>>, "tooLarge">;
};

/**
 * POST /api/registry/import/apply?kind=units&communityId=3&name=房屋.csv[&validOnly=1] — body: the file.
 * Validates again and writes all or nothing. Answers NDJSON, one JSON object per line:
 *   {"type":"stage","stage":"validating"}
 *   {"type":"progress","done":2000,"total":150000}   (while writing)
 *   {"type":"done", ...counts, "households":[…]}  |  {"type":"rejected","report":{…}}  |  {"type":"error","code","message"}
 * Without validOnly=1 a file with any row error is rejected and nothing is written.
 */
export async function POST(request: Request) {
  const auth = await authorizeRoute(request, IMPORT_ROLES);
  if (!auth.ok) return auth.response;
  const query = queryOf(importQuerySchema, request);
  if (!query) return routeError("validation");
  const { db, companyId, user } = auth.ctx;
  const scope = await importScopeOf(db, companyId, user);
  if (query.kind === "units") {
    const community = query.communityId ? await findCommunity(db, companyId, query.communityId) : null;
    if (!community) return routeError("not_found");
    if (!scope.allows(community.id)) return routeError("forbidden");
  }
  const bytes = await readUpload(request);
  return new Response(applyStream({ db, companyId, actorUserId: user.id, scope, query }, bytes), {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}

/** The NDJSON stream of one apply: the lines of {@link applyAndReport}, or one error line; always closed. */
function applyStream(job: Omit<ApplyJob, "bytes">, bytes: Awaited<ReturnType<typeof readUpload>>) {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: ApplyLine) => {
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        } catch {
          // The browser went away; the import still finishes (or rolls back) on its own.
        }
      };
      try {
        if (bytes === "tooLarge") {
          send({ type: "rejected", report: reportForPage(fileProblemReport(job.query.kind, TOO_LARGE)) });
          return;
        }
        await applyAndReport({ ...job, bytes }, send);
      } catch (e) {
        if (e instanceof AppError) send({ type: "error", code: e.code, message: e.message });
        else {
          console.error("[registry import] failed", e);
          send({ type: "error", code: "internal", message: "errors.internal" });
        }
      } finally {
        try {
          controller.close();
        } catch {
          // already closed by a cancelled response
        }
      }
    },
  });
}

/** Validates and writes the file, sending the stage, progress lines and the outcome. */
async function applyAndReport(job: ApplyJob, send: (line: ApplyLine) => void) {
  const { db, companyId, actorUserId, scope, query, bytes } = job;
  send({ type: "stage", stage: "validating" });
  await new Promise((resolve) => setImmediate(resolve));
  let last = 0;
  const result = await runImport(
    db,
    {
      companyId,
      actorUserId,
      validOnly: query.validOnly === "1",
      scope,
      onProgress: async (done, total) => {
        const now = Date.now();
        if (done < total && now - last < PROGRESS_EVERY_MS) return;
        last = now;
        send({ type: "progress", done, total });
        // Embedded writes are synchronous native calls: let the response flush between them.
        await new Promise((resolve) => setImmediate(resolve));
      },
    },
    { kind: query.kind, communityId: query.communityId ?? null, bytes, name: query.name, type: query.type },
  );
  if (result.status === "rejected") send({ type: "rejected", report: reportForPage(result.report) });
  else {
    const { report, units, created, updated, unchanged, skipped } = result;
    send({
      type: "done",
      rows: report.rows,
      created,
      updated,
      unchanged,
      skipped,
      households: units?.households ?? [],
      householdsCreated: units?.counts.householdsCreated ?? 0,
    });
  }
}
