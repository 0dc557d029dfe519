import { integer, text } from "drizzle-orm/sqlite-core";

/** Primary key: an auto-incrementing integer. */
export const id = () => integer("id").primaryKey({ autoIncrement: true });

/** Every business row belongs to exactly one company (tenant). */
export const companyRef = () => integer("company_id").notNull();

/** Millisecond timestamps, filled by the database when omitted. */
export const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date());

export const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdateFn(() => new Date());

export const active = () => integer("active", { mode: "boolean" }).notNull().default(true);

export const enumText = <T extends readonly [string, ...string[]]>(name: string, values: T) =>
  text(name, { enum: values });
