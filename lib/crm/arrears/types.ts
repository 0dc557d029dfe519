import type { NoticeSnapshot } from "@/db/schema";
import type { ArrearsDecision, ArrearsFiring } from "../rules/arrears";
import type { People } from "./people";

/** What one chunk of the arrears ladder plans and writes (lib/crm/arrears/write.ts). */

export interface Plan {
  householdId: number;
  months: number;
  owedFen: number;
  decision: ArrearsDecision;
}

export interface ChunkContext {
  companyId: number;
  asOf: string;
  now: Date;
  initialScore: number;
  legalUsers: number[];
  people: People;
  holdLetters: boolean;
  residents: Map<number, number[]>;
  unpaid: Map<number, NoticeSnapshot["months"]>;
}

export type Totals = {
  households: number;
  episodesStarted: number;
  episodesEnded: number;
  firings: number;
  notices: number;
  orders: number;
  legalCases: number;
};

export const noTotals = (): Totals => ({
  households: 0,
  episodesStarted: 0,
  episodesEnded: 0,
  firings: 0,
  notices: 0,
  orders: 0,
  legalCases: 0,
});

/** A firing this transaction inserted, with the plan and rule step it came from. */
export interface Won {
  row: { id: number; householdId: number; episodeId: number; stepKey: string; occurrence: number };
  plan: Plan;
  f: ArrearsFiring;
}

export type Notice = { id: number; number: string; awaitingConfirmation: boolean };
