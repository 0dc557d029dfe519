import { migrate } from "drizzle-orm/libsql/migrator";
import path from "node:path";
import { analyzeDb } from "./analyze";
import type { Db } from "./client";

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

/** Applies every committed migration that has not run yet, then refreshes the planner's statistics. */
export async function migrateDb(db: Db, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  await migrate(db, { migrationsFolder });
  await analyzeDb(db);
}
