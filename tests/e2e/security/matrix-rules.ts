import fs from "node:fs";
import path from "node:path";
import type { Role } from "../../../lib/auth/roles";
import type { MatrixFixtures } from "./matrix-fixtures";

/**
 * The vocabulary of the authorization matrix (matrix.spec.ts): who asks, what they get, and
 * shorthands that fill a whole row from SPEC §2's usual shape, so a row is one line.
 */

/** Every column: each demo role, the demo company's second resident (another household), another company's admin, a visitor. */
export const WHO = [
  "admin",
  "project_manager",
  "supervisor",
  "butler",
  "front_desk",
  "technician",
  "finance",
  "hr",
  "legal",
  "cleaner",
  "guard",
  "resident",
  "other_resident",
  "foreign_admin",
  "signed_out",
] as const;
export type Who = (typeof WHO)[number];
type StaffRole = Exclude<Role, "resident">;
const STAFF: readonly StaffRole[] = [
  "admin",
  "project_manager",
  "supervisor",
  "butler",
  "front_desk",
  "technician",
  "finance",
  "hr",
  "legal",
  "cleaner",
  "guard",
];

/** An HTTP status, or "→/path": a redirect (3xx) whose Location has that path. */
export type Outcome = 200 | 400 | 401 | 403 | 404 | 405 | 503 | `→/${string}`;
export const SIGN_IN = "→/sign-in" as const;
export type Expect = Record<Who, Outcome>;
type More = Partial<Expect>;

/** One request of a row. `url` may name fixtures in braces: "/staff/orders/{order}". */
export interface Case {
  url: string;
  method: "GET" | "POST";
  expect: Expect;
}

export const get = (url: string, expect: Expect): Case => ({ url, method: "GET", expect });
export const post = (url: string, expect: Expect): Case => ({ url, method: "POST", expect });

function fill(staff: (r: StaffRole) => Outcome, rest: Omit<Expect, StaffRole>, more: More): Expect {
  return { ...(Object.fromEntries(STAFF.map((r) => [r, staff(r)])) as Record<StaffRole, Outcome>), ...rest, ...more };
}

/** A staff page anyone may reach with one of `roles`: 200; other members 403; visitors to sign-in; another company's admin like an admin of their own. */
export function staff(roles: readonly StaffRole[], more: More = {}): Expect {
  const ok = (r: StaffRole): Outcome => (roles.includes(r) ? 200 : 403);
  return fill(ok, { resident: 403, other_resident: 403, foreign_admin: ok("admin"), signed_out: SIGN_IN }, more);
}

/** A staff page about one row of the demo company: as `staff`, but another company's admin gets 404. */
export function staffRow(roles: readonly StaffRole[], more: More = {}): Expect {
  return staff(roles, { foreign_admin: roles.includes("admin") ? 404 : 403, ...more });
}

/** A resident page: both residents 200; staff (any company) 403; visitors to sign-in. */
export function resident(more: More = {}): Expect {
  return fill(() => 403, { resident: 200, other_resident: 200, foreign_admin: 403, signed_out: SIGN_IN }, more);
}

/** A resident page about one row of the demo resident's household: the other household's resident gets 404. */
export function residentRow(more: More = {}): Expect {
  return resident({ other_resident: 404, ...more });
}

/** A route handler for `roles`: 200; other members 403; visitors 401 (or `signed_out` in `more`). */
export function api(roles: readonly StaffRole[], more: More = {}): Expect {
  return staff(roles, { signed_out: 401, ...more });
}

/** The same outcome for everybody (health checks, webhooks, cron without its secret). */
export function everyone(outcome: Outcome, more: More = {}): Expect {
  return fill(
    () => outcome,
    { resident: outcome, other_resident: outcome, foreign_admin: outcome, signed_out: outcome },
    more,
  );
}

/** Pages for visitors: signed-in people are sent to their home page. */
export function visitorsOnly(more: More = {}): Expect {
  return fill(
    () => "→/staff",
    { resident: "→/home", other_resident: "→/home", foreign_admin: "→/staff", signed_out: 200 },
    more,
  );
}

/** The same override for several columns: `staff(ROLES, each(["hr", "legal"], 404))`. */
export function each(who: readonly Who[], outcome: Outcome): More {
  return Object.fromEntries(who.map((w) => [w, outcome]));
}

/** "/staff/orders/{order}" → "/staff/orders/17". */
export function resolveUrl(url: string, f: MatrixFixtures): string {
  return url.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = (f as unknown as Record<string, number | undefined>)[k];
    if (v == null) throw new Error(`matrix: unknown fixture {${k}} in ${url}`);
    return String(v);
  });
}

/**
 * Every page and route handler under app/, as its URL pattern: route groups dropped, dynamic
 * segments kept ("app/(staff)/staff/(tickets)/orders/[id]/page.tsx" → "/staff/orders/[id]").
 */
export function appRoutes(appDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/^(page|route)\.(tsx?|jsx?)$/.test(e.name)) {
        const segs = path
          .relative(appDir, dir)
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s));
        out.push(`/${segs.join("/")}`);
      }
    }
  };
  walk(appDir);
  return out.sort();
}

/** Does a response match the expected outcome? */
export function matches(expected: Outcome, status: number, location: string | undefined): boolean {
  if (typeof expected === "number") return status === expected;
  if (status < 300 || status > 399 || !location) return false;
  return new URL(location, "http://x").pathname === expected.slice(1);
}
