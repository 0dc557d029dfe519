/**
 * Background jobs with progress, for long work a person starts from a page (issue 16 point 7):
 * the action starts the job and answers at once, the page polls the job's state (done / total,
 * then the result) and shows a progress bar. One job per key runs at a time in this process: a
 * second start with the same input joins the running job, one with a different input is
 * refused ("busy"), so a double click never runs the work twice. A finished job's state stays
 * readable for KEEP_MS so the poll that comes after the end still finds the result.
 *
 * The state lives in this process (kept on globalThis across dev reloads): the app runs as one
 * server process next to its embedded database. Callers put the tenant into the key.
 */

export const KEEP_MS = 10 * 60_000;

export type JobStatus = "running" | "done" | "failed";

export interface JobState<T> {
  status: JobStatus;
  done: number;
  total: number;
  result: T | null;
}

interface Job {
  input: string;
  state: JobState<unknown>;
  finishedAt: number | null;
  promise: Promise<void>;
}

const jobs = ((globalThis as unknown as { __guanjiaProgressJobs?: Map<string, Job> }).__guanjiaProgressJobs ??= new Map<
  string,
  Job
>());

/** Reports progress: `done` of `total` units of work. */
export type Progress = (done: number, total: number) => void;

export type StartOutcome<T> = { outcome: "started" | "joined"; state: JobState<T> } | { outcome: "busy" };

function forget(now: number) {
  for (const [key, job] of jobs) if (job.finishedAt !== null && now - job.finishedAt > KEEP_MS) jobs.delete(key);
}

/** A copy of the job's state (callers must not see later mutations half-way). */
function snapshot<T>(job: Job): JobState<T> {
  return { ...job.state } as JobState<T>;
}

/**
 * Starts `run` under `key` unless a job runs there already: same `input` → joined, another
 * input → busy. `input` identifies what the job computes (e.g. the JSON of a draft).
 */
export function startJob<T>(key: string, input: string, run: (progress: Progress) => Promise<T>): StartOutcome<T> {
  forget(Date.now());
  const running = jobs.get(key);
  if (running && running.state.status === "running") {
    return running.input === input ? { outcome: "joined", state: snapshot<T>(running) } : { outcome: "busy" };
  }
  const job: Job = {
    input,
    state: { status: "running", done: 0, total: 0, result: null },
    finishedAt: null,
    promise: Promise.resolve(),
  };
  jobs.set(key, job);
  job.promise = (async () => {
    try {
      const result = await run((done, total) => {
        job.state.done = done;
        job.state.total = total;
      });
      job.state.result = result;
      job.state.status = "done";
    } catch (e) {
      console.error(`[job] ${key} failed`, e);
      job.state.status = "failed";
    } finally {
      job.finishedAt = Date.now();
    }
  })();
  return { outcome: "started", state: snapshot<T>(job) };
}

/** The job's state under `key` (null when none ran recently), with the input it runs for. */
export function jobState<T>(key: string): (JobState<T> & { input: string }) | null {
  forget(Date.now());
  const job = jobs.get(key);
  return job ? { ...snapshot<T>(job), input: job.input } : null;
}

/** Resolves when the job under `key` has finished (tests, benches). */
export async function settled(key: string): Promise<void> {
  await jobs.get(key)?.promise;
}
