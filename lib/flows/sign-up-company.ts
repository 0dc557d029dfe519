import { writeAudit } from "@/lib/audit/commands";
import type { Db } from "@/lib/db/client";
import { recordConsent } from "@/lib/privacy/consent";
import { DPA_VERSION } from "@/lib/privacy/rules";
import { insertCompanyTx, prepareSignUp, signUpFailure, type SignUpFields } from "@/lib/tenancy/commands";

/**
 * Company sign-up: the company, its first user, that user's admin role and the accepted
 * data-processing agreement, all or nothing (one transaction). A flow because it spans tenancy
 * (the company and its admin) and privacy (the consent record): tenancy stays below privacy.
 */
export async function signUpCompany(db: Db, input: SignUpFields, from?: { ip: string }) {
  const passwordHash = await prepareSignUp(db, input, from);
  try {
    return await db.transaction(async (tx) => {
      const { company, userId } = await insertCompanyTx(tx, input, passwordHash);
      await recordConsent(tx, company.id, userId, "dpa", DPA_VERSION);
      await writeAudit(tx, {
        companyId: company.id,
        actorUserId: userId,
        action: "company.sign_up",
        entity: "company",
        entityId: company.id,
        after: {
          name: company.name,
          admin: { id: userId, phone: input.phone, email: input.email },
          dpaVersion: DPA_VERSION,
        },
      });
      return { companyId: company.id, userId };
    });
  } catch (e) {
    throw signUpFailure(e);
  }
}
