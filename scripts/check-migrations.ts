/**
 * npm run db:check — fails when db/schema and db/migrations are out of step, or when the
 * migration journal's timestamps do not strictly increase (the libSQL migrator silently
 * skips a migration older than the newest applied one).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const journal = JSON.parse(fs.readFileSync(path.join(root, "db/migrations/meta/_journal.json"), "utf8")) as {
  entries: { idx: number; when: number; tag: string }[];
};
const problems: string[] = [];
journal.entries.forEach((e, i) => {
  if (e.idx !== i) problems.push(`journal entry ${e.tag} has idx ${e.idx}, expected ${i}`);
  const prev = journal.entries[i - 1];
  if (prev && e.when <= prev.when)
    problems.push(`migration ${e.tag} (${e.when}) is not newer than ${prev.tag} (${prev.when})`);
  if (!fs.existsSync(path.join(root, "db/migrations", `${e.tag}.sql`))) problems.push(`missing file for ${e.tag}.sql`);
});

// Generate into a scratch copy: any new file means the schema changed without a migration.
// drizzle-kit resolves `out` relative to the project, so the scratch folder lives inside it.
const scratchRel = `.cache/migration-check-${process.pid}`;
const scratch = path.join(root, scratchRel);
fs.rmSync(scratch, { recursive: true, force: true });
fs.mkdirSync(path.dirname(scratch), { recursive: true });
fs.cpSync(path.join(root, "db/migrations"), scratch, { recursive: true });
const before = new Set(fs.readdirSync(scratch));
fs.writeFileSync(
  path.join(root, ".drizzle-check.config.ts"),
  `export default { dialect: "sqlite", schema: "./db/schema/index.ts", out: ${JSON.stringify("./" + scratchRel)} };\n`,
);
let output = "";
try {
  output = execFileSync("npx", ["drizzle-kit", "generate", "--config", ".drizzle-check.config.ts", "--name", "check"], {
    cwd: root,
    stdio: "pipe",
    encoding: "utf8",
  });
} finally {
  fs.rmSync(path.join(root, ".drizzle-check.config.ts"), { force: true });
}
if (/error/i.test(output)) problems.push(`drizzle-kit generate failed:\n${output}`);
const added = fs.readdirSync(scratch).filter((f) => !before.has(f));
if (added.length)
  problems.push(`db/schema has changes with no migration (run npm run db:generate): ${added.join(", ")}`);
fs.rmSync(scratch, { recursive: true, force: true });

if (problems.length) {
  console.error("Migration check failed:\n - " + problems.join("\n - "));
  process.exit(1);
}
console.log(`migrations ok: ${journal.entries.length} migration(s), in step with the schema, timestamps increasing`);
