import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { companyRef, createdAt, enumText, id, updatedAt } from "./_helpers";
import { communities, households } from "./registry";
import { companies, users } from "./tenancy";

// The resident portal (SPEC §3, §11): announcements, community activities, the shop.

/**
 * 公告: one community's announcement. Shown to residents from `publishAt` on (computed at
 * read time); an emergency one is a banner on every resident page until the reader reads it.
 */
export const portalNotices = sqliteTable(
  "portal_notices",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
    pinned: integer("pinned", { mode: "boolean" }).notNull().default(false),
    emergency: integer("emergency", { mode: "boolean" }).notNull().default(false),
    publishAt: integer("publish_at", { mode: "timestamp_ms" }).notNull(),
    /** When it went live for the minute tick (an emergency one: e-mail + SMS queued to every resident); null until publishAt has passed. */
    notifiedAt: integer("notified_at", { mode: "timestamp_ms" }),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("portal_notices_community_idx").on(t.companyId, t.communityId, t.publishAt),
    // The minute tick's "any announcement going live?": only the ones not yet announced.
    index("portal_notices_unnotified_idx")
      .on(t.publishAt)
      .where(sql`notified_at is null`),
  ],
);

/** Who read which announcement (first read only). */
export const portalNoticeReads = sqliteTable(
  "portal_notice_reads",
  {
    noticeId: integer("notice_id")
      .notNull()
      .references(() => portalNotices.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    companyId: companyRef().references(() => companies.id),
    readAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.userId] }), index("portal_notice_reads_user_idx").on(t.userId)],
);

/** 社区文化活动: an event with a capacity and a sign-up deadline. */
export const activities = sqliteTable(
  "activities",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    title: text("title").notNull(),
    description: text("description").notNull(),
    place: text("place").notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    capacity: integer("capacity").notNull(),
    signupDeadline: integer("signup_deadline", { mode: "timestamp_ms" }).notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("activities_community_idx").on(t.companyId, t.communityId, t.startsAt)],
);

export const SIGNUP_STATUSES = ["confirmed", "waiting", "cancelled"] as const;

/**
 * One resident's place at an activity: confirmed (holds a seat), waiting (in `queuedAt`
 * order) or cancelled. One row per activity and user; signing up again reuses the row.
 */
export const activitySignups = sqliteTable(
  "activity_signups",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    activityId: integer("activity_id")
      .notNull()
      .references(() => activities.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    status: enumText("status", SIGNUP_STATUSES).notNull(),
    queuedAt: integer("queued_at", { mode: "timestamp_ms" }).notNull(),
    checkedInAt: integer("checked_in_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("activity_signups_uq").on(t.activityId, t.userId),
    index("activity_signups_status_idx").on(t.activityId, t.status, t.queuedAt),
  ],
);

export const PRODUCT_KINDS = ["product", "service"] as const;

/** 网购平台: a product (goods, water) or a service (cleaning); `stock` = items or service slots left. */
export const shopProducts = sqliteTable(
  "shop_products",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    kind: enumText("kind", PRODUCT_KINDS).notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    priceFen: integer("price_fen").notNull(),
    stock: integer("stock").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** A photo stored like work-order photos (lib/tickets/attachments.ts), served by /api/files/p<id>. */
    photoPath: text("photo_path"),
    photoMime: text("photo_mime"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("shop_products_company_idx").on(t.companyId, t.active)],
);

/** A resident's cart: one row per product. */
export const shopCartItems = sqliteTable(
  "shop_cart_items",
  {
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    productId: integer("product_id")
      .notNull()
      .references(() => shopProducts.id),
    quantity: integer("quantity").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.productId] })],
);

export const SHOP_ORDER_STATUSES = [
  "pending_payment",
  "paid",
  "accepted",
  "delivered",
  "done",
  "cancelled",
  "refunded",
] as const;

/**
 * A shop order. Prices, the VIP discount and the total are computed by the server
 * (lib/portal/rules.ts shopTotals) when the order is placed; stock is taken then and given
 * back when the order is cancelled. `checkoutId` is the payment session (sandbox provider).
 */
export const shopOrders = sqliteTable(
  "shop_orders",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    communityId: integer("community_id").references(() => communities.id),
    status: enumText("status", SHOP_ORDER_STATUSES).notNull().default("pending_payment"),
    subtotalFen: integer("subtotal_fen").notNull(),
    discountPercent: integer("discount_percent").notNull().default(0),
    discountFen: integer("discount_fen").notNull().default(0),
    totalFen: integer("total_fen").notNull(),
    checkoutId: text("checkout_id").notNull(),
    providerRef: text("provider_ref"),
    paidAt: integer("paid_at", { mode: "timestamp_ms" }),
    acceptedAt: integer("accepted_at", { mode: "timestamp_ms" }),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
    doneAt: integer("done_at", { mode: "timestamp_ms" }),
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    cancelReason: text("cancel_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("shop_orders_checkout_uq").on(t.checkoutId),
    index("shop_orders_company_status_idx").on(t.companyId, t.status),
    index("shop_orders_user_idx").on(t.userId),
  ],
);

export const shopOrderLines = sqliteTable(
  "shop_order_lines",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    orderId: integer("order_id")
      .notNull()
      .references(() => shopOrders.id),
    productId: integer("product_id")
      .notNull()
      .references(() => shopProducts.id),
    name: text("name").notNull(),
    unitPriceFen: integer("unit_price_fen").notNull(),
    quantity: integer("quantity").notNull(),
    lineFen: integer("line_fen").notNull(),
  },
  (t) => [index("shop_order_lines_order_idx").on(t.orderId)],
);

export const SHOP_INCOME_KINDS = ["sale", "refund"] as const;

/**
 * Shop income for finance (value-added income, 多种经营收入): a positive entry when an order
 * is paid, a negative one when it is refunded. Append-only; unique per order and kind, so
 * webhook replays record nothing twice.
 */
export const shopIncome = sqliteTable(
  "shop_income",
  {
    id: id(),
    companyId: companyRef().references(() => companies.id),
    communityId: integer("community_id").references(() => communities.id),
    orderId: integer("order_id")
      .notNull()
      .references(() => shopOrders.id),
    kind: enumText("kind", SHOP_INCOME_KINDS).notNull(),
    amountFen: integer("amount_fen").notNull(),
    /** Company-local date YYYY-MM-DD. */
    occurredOn: text("occurred_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("shop_income_order_kind_uq").on(t.orderId, t.kind),
    index("shop_income_company_date_idx").on(t.companyId, t.occurredOn),
  ],
);
