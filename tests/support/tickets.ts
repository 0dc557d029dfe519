import { communityManagers, supervisorButlers, technicianSkills } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import type { RepairCategory } from "@/lib/tickets/rules";
import { createCompany, createEstate, createUser, linkResident } from "./fixtures";

/** A company with one estate, its butler, supervisor, project manager, technicians and a resident. */
export async function ticketWorld(
  db: Db,
  { techs = [["plumbing"], ["plumbing"], ["electrical"]] }: { techs?: RepairCategory[][] } = {},
) {
  const company = await createCompany(db);
  const companyId = company.companyId;
  const butler = await createUser(db, companyId, ["butler"], "管家");
  const supervisor = await createUser(db, companyId, ["supervisor"], "主管");
  const pm = await createUser(db, companyId, ["project_manager"], "项目经理");
  const frontDesk = await createUser(db, companyId, ["front_desk"], "客服");
  const estate = await createEstate(db, companyId, { n: 3, butlerId: butler.id });
  await db.insert(supervisorButlers).values({ companyId, butlerUserId: butler.id, supervisorUserId: supervisor.id });
  await db.insert(communityManagers).values({ companyId, communityId: estate.community.id, managerUserId: pm.id });
  const technicians: Awaited<ReturnType<typeof createUser>>[] = [];
  for (const cats of techs) {
    const t = await createUser(db, companyId, ["technician"], "维修");
    if (cats.length)
      await db.insert(technicianSkills).values(cats.map((category) => ({ companyId, userId: t.id, category })));
    technicians.push(t);
  }
  const resident = await createUser(db, companyId, ["resident"], "住户");
  await linkResident(db, companyId, resident.id, estate.households[0].id);
  const actor = (u: { id: number }, roles: Role[]) => ({ companyId, userId: u.id, roles });
  return {
    companyId,
    adminId: company.adminId,
    butler,
    supervisor,
    pm,
    frontDesk,
    technicians,
    resident,
    estate,
    as: {
      admin: actor({ id: company.adminId }, ["admin"]),
      butler: actor(butler, ["butler"]),
      supervisor: actor(supervisor, ["supervisor"]),
      pm: actor(pm, ["project_manager"]),
      frontDesk: actor(frontDesk, ["front_desk"]),
      resident: actor(resident, ["resident"]),
      tech: (i: number) => actor(technicians[i], ["technician"]),
    },
  };
}

/** Tiny valid images (enough bytes for the magic-number check). */
export const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
export const JPEG = Buffer.from("ffd8ffe000104a46494600010100000100010000ffd9", "hex");
export const fakeFile = (bytes: Buffer, size = bytes.length) => ({
  size,
  arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
});
