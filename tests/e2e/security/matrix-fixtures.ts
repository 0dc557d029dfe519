import fs from "node:fs";
import { fileURLToPath } from "node:url";

/** The two sign-ins the matrix adds to the demo roles (created by matrix.setup.ts). */
export const EXTRA_LOGINS = {
  foreign_admin: {
    phone: "13900009901",
    email: "matrix-foreign-admin@e2e.guanjia.test",
    password: "Matrix-Foreign#2026-admin",
    companyName: "矩阵测试外部物业",
  },
  other_resident: {
    phone: "13900009902",
    email: "matrix-other-resident@e2e.guanjia.test",
    password: "Matrix-Resident#2026-other",
  },
} as const;

/** Concrete ids for the dynamic segments (all in the demo company). */
export interface MatrixFixtures {
  /** The demo resident's household, its building and community. */
  household: number;
  building: number;
  community: number;
  /** Another household of the demo butler's buildings, with an arrears notice; the matrix's second resident lives there. */
  otherHousehold: number;
  /** A building of the same community that the demo butler does not serve, and a household in it. */
  otherBuilding: number;
  otherBuildingHousehold: number;
  /** The company's second community (not the demo project manager's). */
  farCommunity: number;
  /** The resident's repair order, dispatched to the demo technician and butler; a photo on it. */
  order: number;
  attachment: number;
  /** A collection order (催费) of `otherHousehold` dispatched to the demo finance and legal staff; a photo on it. */
  collectionOrder: number;
  collectionPhoto: number;
  /** An order in the second community, dispatched to neither the demo butler nor the technician. */
  farOrder: number;
  payment: number;
  activity: number;
  portalNotice: number;
  kbPublic: number;
  kbInternal: number;
  /** An arrears notice of `otherHousehold`. */
  crmNotice: number;
  /** A shop order of a third household. */
  shopOrder: number;
  survey: number;
  approval: number;
  visit: number;
  assessment: number;
  staffRecord: number;
  training: number;
  legalCase: number;
  /** The oldest bill of the demo resident's household, and a (rejected) dispute about it. */
  bill: number;
  dispute: number;
  /** A patrol round of the demo guard, one of another guard, and a patrol route of the demo company. */
  patrolRound: number;
  otherPatrolRound: number;
  patrolRoute: number;
}

const authDir = fileURLToPath(new URL("../.auth/", import.meta.url));

export function matrixAuthFile(who: keyof typeof EXTRA_LOGINS): string {
  return `${authDir}matrix-${who}.json`;
}

const fixturesFile = `${authDir}matrix-fixtures.json`;

export function writeMatrixFixtures(f: MatrixFixtures): void {
  fs.mkdirSync(authDir, { recursive: true });
  fs.writeFileSync(fixturesFile, JSON.stringify(f, null, 2));
}

export function readMatrixFixtures(): MatrixFixtures {
  return JSON.parse(fs.readFileSync(fixturesFile, "utf8")) as MatrixFixtures;
}
