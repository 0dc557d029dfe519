import type { Db } from "@/lib/db/client";
import { createCleaningArea } from "@/lib/field/plans";
import { saveTemplate } from "@/lib/field/inspections";
import { createCompany, createEstate, createUser } from "./fixtures";

/** A 1×1 PNG, a valid photo for uploads. */
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
export const upload = (bytes: Buffer = PNG) => ({
  size: bytes.length,
  arrayBuffer: async () => new Uint8Array(bytes).buffer,
});

/**
 * A company with one community and a lobby (cleaning area), a supervisor, and a lobby template
 * of three items (cleaning 10, engineering 10, security 5); a second company with its own
 * community and template (for foreign ids).
 */
export async function inspectionWorld(db: Db) {
  const { companyId, adminId } = await createCompany(db);
  const { community } = await createEstate(db, companyId, { n: 1 });
  const supervisor = await createUser(db, companyId, ["supervisor"], "主管甲");
  const area = await createCleaningArea(
    db,
    { companyId, userId: adminId },
    {
      communityId: community.id,
      name: "1栋大堂",
      kind: "lobby",
      standard: "",
      times: ["07:00"],
      windowMinutes: 120,
      weekdays: 127,
      assigneeId: null,
    },
  );
  const template = await saveTemplate(
    db,
    { companyId, userId: adminId },
    {
      name: "大堂巡检",
      areaKind: "lobby",
      active: true,
      items: [
        { label: "地面清洁", maxScore: 10, team: "cleaning" },
        { label: "照明完好", maxScore: 10, team: "engineering" },
        { label: "门禁值守", maxScore: 5, team: "security" },
      ],
    },
  );
  const other = await createCompany(db);
  const { community: otherCommunity } = await createEstate(db, other.companyId, { n: 1 });
  const otherTemplate = await saveTemplate(
    db,
    { companyId: other.companyId, userId: other.adminId },
    { name: "外公司", areaKind: "lobby", active: true, items: [{ label: "甲", maxScore: 10, team: "cleaning" }] },
  );
  return {
    companyId,
    adminId,
    community,
    supervisor,
    area,
    template,
    other: { companyId: other.companyId, adminId: other.adminId, community: otherCommunity, template: otherTemplate },
  };
}
