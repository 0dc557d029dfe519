import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the shared sqld server in remote mode, "" in file mode. */
    sqldUrl: string;
  }
}

export type TestDbMode = "file" | "remote";

export function testDbMode(): TestDbMode {
  const mode = process.env.TEST_DB_MODE ?? "file";
  if (mode !== "file" && mode !== "remote") throw new Error(`TEST_DB_MODE must be "file" or "remote", got "${mode}"`);
  return mode;
}

export interface SqldServer {
  url: string;
  stop(): Promise<void>;
}

const SQLD_BIN = process.env.SQLD_BIN ?? path.resolve(process.cwd(), ".cache/sqld/sqld");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a libSQL server on a free local port with its data in a new temp dir, and waits
 * until /health answers. `stop()` kills it and removes the dir. With `at`, it serves that dir
 * on that port and `stop()` keeps the dir (a restart of the same server). Scheme: TEST_SQLD_SCHEME
 * (`http`, the default and what `libsql://` URLs use, or `ws`).
 */
export async function startSqld(at: { dir: string; port?: number } | null = null): Promise<SqldServer> {
  if (!fs.existsSync(SQLD_BIN)) throw new Error(`${SQLD_BIN} is missing: run bash scripts/ensure-sqld.sh`);
  const dir = at?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "guanjia-sqld-"));
  const port = at?.port || (await freePort());
  const child = spawn(
    SQLD_BIN,
    ["--db-path", path.join(dir, "db"), "--http-listen-addr", `127.0.0.1:${port}`, "--no-welcome"],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (!at) fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`sqld exited before it was ready:\n${stderr}`);
    }
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`sqld did not answer on port ${port} within 15 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const scheme = process.env.TEST_SQLD_SCHEME === "ws" ? "ws" : "http";
  return { url: `${scheme}://127.0.0.1:${port}`, stop };
}
