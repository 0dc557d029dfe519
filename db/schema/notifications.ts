import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { companyRef, createdAt, id } from "./_helpers";
import { companies, users } from "./tenancy";

/** The in-app inbox (§11): one row per recipient. `payload` holds the message parameters. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, string | number | null>>().notNull(),
    /** The page the notification opens, e.g. /staff/orders/12. */
    href: text("href"),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt)],
);
