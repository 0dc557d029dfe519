import type { AssigneeRole } from "@/lib/tickets/rules";

/**
 * CRM-EW rules as data (SPEC §8). DEFAULT_CRM_RULES are the article's defaults and the
 * shipped defaults; a company's published rule set (crm_rule_sets) overrides them.
 * The engine reads only this object — never constants — so the what-if preview can run
 * the same facts under a draft.
 */

export const BANDS = ["excellent", "good", "fair", "poor", "critical"] as const;
export type Band = (typeof BANDS)[number];

export const NOTICE_KINDS = ["reminder", "payment_notice", "dunning_notice", "lawyer_letter"] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** What the work order of a ladder step asks the assignees to do. */
export const ARREARS_TASKS = [
  "phone_call",
  "home_visit_remind",
  "home_visit_request",
  "hand_over_dunning",
  "legal_follow_up",
] as const;
export type ArrearsTask = (typeof ARREARS_TASKS)[number];

export interface ArrearsStep {
  /** Stable key used in dedupe keys and ledger entries: "m3", "m4", "m5", "m6", "m12", "m13". */
  key: string;
  /** Fires when months in arrears ≥ this. */
  months: number;
  points: number;
  notice: NoticeKind;
  /** Roles that get a work order (each must accept); empty = notice only. */
  recipients: AssigneeRole[];
  task: ArrearsTask | null;
  /** Repeats every N further months while still unpaid (6 → 8, 10), below the next step. */
  repeatEveryMonths?: number;
  /** Opens a legal case and notifies the legal department. */
  legal?: boolean;
}

export interface ComplaintRange {
  /** Smallest deduction (e.g. −2) … largest deduction (e.g. −5). */
  max: number;
  min: number;
  recipients: AssigneeRole[];
}

export interface CrmRules {
  initialScore: number;
  /** Lower bound of each band except critical (which is 0). */
  bandFloors: { excellent: number; good: number; fair: number; poor: number };
  complaints: { invalid: ComplaintRange; general: ComplaintRange; medium: ComplaintRange; major: ComplaintRange };
  arrears: { steps: ArrearsStep[] };
  gold: { prepaidMonths: number; points: number; badgeMonths: number; vipDiscountPercent: number };
  visits: { coveragePercent: [number, number, number] };
  recovery: { enabled: boolean; pointsPerMonth: number };
}

export const DEFAULT_CRM_RULES: CrmRules = {
  initialScore: 100,
  bandFloors: { excellent: 95, good: 80, fair: 70, poor: 50 },
  complaints: {
    invalid: { max: -1, min: -1, recipients: ["butler"] },
    general: { max: -2, min: -5, recipients: ["butler"] },
    medium: { max: -6, min: -10, recipients: ["butler", "supervisor"] },
    major: { max: -11, min: -50, recipients: ["butler", "supervisor", "project_manager"] },
  },
  arrears: {
    steps: [
      { key: "m3", months: 3, points: -1, notice: "reminder", recipients: [], task: null },
      { key: "m4", months: 4, points: -2, notice: "reminder", recipients: ["butler"], task: "phone_call" },
      { key: "m5", months: 5, points: -3, notice: "reminder", recipients: ["butler"], task: "home_visit_remind" },
      {
        key: "m6",
        months: 6,
        points: -5,
        notice: "payment_notice",
        recipients: ["butler", "supervisor"],
        task: "home_visit_request",
        repeatEveryMonths: 2,
      },
      {
        key: "m12",
        months: 12,
        points: -10,
        notice: "dunning_notice",
        recipients: ["butler", "supervisor", "project_manager"],
        task: "hand_over_dunning",
      },
      {
        key: "m13",
        months: 13,
        points: -20,
        notice: "lawyer_letter",
        recipients: ["butler", "supervisor", "project_manager"],
        task: "legal_follow_up",
        legal: true,
      },
    ],
  },
  gold: { prepaidMonths: 12, points: 20, badgeMonths: 12, vipDiscountPercent: 10 },
  visits: { coveragePercent: [30, 60, 90] },
  recovery: { enabled: false, pointsPerMonth: 1 },
};

export const SCORE_MIN = 0;
export const SCORE_MAX = 100;
