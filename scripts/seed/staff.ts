/** Staff accounts and who serves what: buildings → butlers → supervisors, communities → managers (no I/O). */
import type { StaffRole } from "../../lib/auth/roles";
import type { CommunityPlan } from "./registry";

export interface StaffMember {
  role: StaffRole;
  name: string;
  email: string;
  phone: string;
}

/** The e-mail local part per role: butler@, pm@, frontdesk@, tech@ … */
export const EMAIL_PREFIX: Record<StaffRole, string> = {
  admin: "admin",
  butler: "butler",
  supervisor: "supervisor",
  project_manager: "pm",
  front_desk: "frontdesk",
  technician: "tech",
  finance: "finance",
  hr: "hr",
  legal: "legal",
  cleaner: "cleaner",
  guard: "guard",
};

export interface Assignments {
  /** `[community][building]` → index into the staff list of the building's butler. */
  butlerOfBuilding: number[][];
  /** butler's staff index → supervisor's staff index. */
  supervisorOfButler: Map<number, number>;
  /** community → staff index of its project manager. */
  managerOfCommunity: number[];
}

function indexesOf(staff: readonly StaffMember[], role: StaffRole): number[] {
  return staff.flatMap((m, i) => (m.role === role ? [i] : []));
}

/**
 * Splits the buildings of each group of communities among that group's butlers in order, in
 * contiguous runs of about equal household counts. Supervisors take consecutive butlers;
 * managers take communities in turn.
 */
export function assignStaff(
  staff: readonly StaffMember[],
  registry: readonly CommunityPlan[],
  householdsPerBuilding: readonly (readonly number[])[],
  groups: readonly { communities: readonly number[]; butlers: number }[],
): Assignments {
  const butlers = indexesOf(staff, "butler");
  const supervisors = indexesOf(staff, "supervisor");
  const managers = indexesOf(staff, "project_manager");
  if (butlers.length === 0 || supervisors.length === 0 || managers.length === 0)
    throw new Error("staff needs a butler, a supervisor and a manager");

  const butlerOfBuilding = registry.map((c) => c.buildings.map(() => -1));
  let nextButler = 0;
  for (const group of groups) {
    const mine = butlers.slice(nextButler, nextButler + group.butlers);
    nextButler += group.butlers;
    const buildings = group.communities.flatMap((c) => registry[c].buildings.map((_, b) => [c, b] as const));
    const total = buildings.reduce((n, [c, b]) => n + householdsPerBuilding[c][b], 0);
    let before = 0;
    for (const [c, b] of buildings) {
      const here = householdsPerBuilding[c][b];
      const slot = total === 0 ? 0 : Math.floor(((before + here / 2) / total) * mine.length);
      butlerOfBuilding[c][b] = mine[Math.min(mine.length - 1, slot)];
      before += here;
    }
  }
  if (nextButler !== butlers.length) throw new Error(`groups use ${nextButler} butlers of ${butlers.length}`);

  const supervisorOfButler = new Map(
    butlers.map((b, i) => [b, supervisors[Math.floor((i * supervisors.length) / butlers.length)]] as const),
  );
  const managerOfCommunity = registry.map((_, c) => managers[c % managers.length]);
  return { butlerOfBuilding, supervisorOfButler, managerOfCommunity };
}
