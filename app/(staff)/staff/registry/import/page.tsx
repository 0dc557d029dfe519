import { getTranslations } from "next-intl/server";
import { ExportPanel } from "@/components/registry/import/export-panel";
import { FormatGuide } from "@/components/registry/import/format-guide";
import { ImportPanel } from "@/components/registry/import/import-panel";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/app/_lib/session";
import { getDb } from "@/lib/db";
import { IMPORT_ROLES } from "@/lib/registry/import/access";
import { importScopeOf } from "@/lib/registry/import/scope";
import { listCommunityOptions } from "@/lib/registry/import/snapshot";

export async function generateMetadata() {
  return { title: (await getTranslations("import"))("title") };
}

/** CSV import and export of buildings, units, households and contacts. */
export default async function RegistryImportPage() {
  const user = await requireUser(IMPORT_ROLES);
  const t = await getTranslations("import");
  const db = getDb();
  const [options, scope] = await Promise.all([
    listCommunityOptions(db, user.companyId),
    importScopeOf(db, user.companyId, user),
  ]);
  // A project manager works on the communities they run.
  const communities = options.filter((c) => scope.allows(c.id));
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <Card title={t("importTitle")}>
        <ImportPanel communities={communities} />
      </Card>
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <Card title={t("export.title")}>
          <ExportPanel communities={communities} />
        </Card>
        <Card>
          <FormatGuide />
        </Card>
      </div>
    </div>
  );
}
