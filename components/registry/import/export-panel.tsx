"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { SelectField } from "@/components/ui/select-field";
import { IMPORT_KINDS } from "@/lib/registry/import/columns";
import type { CommunityOption } from "./import-panel";

const linkClass =
  "inline-flex items-center justify-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50";

/** Download a community's buildings, or its units & households, in the import format. */
export function ExportPanel({ communities }: { communities: CommunityOption[] }) {
  const t = useTranslations("import");
  const [communityId, setCommunityId] = useState<number | null>(communities[0]?.id ?? null);
  if (communities.length === 0) return <p className="text-sm text-slate-500">{t("noCommunities")}</p>;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t("export.help")}</p>
      <SelectField
        label={t("community")}
        value={communityId ?? ""}
        onChange={(e) => setCommunityId(Number(e.target.value))}
        options={communities.map((c) => ({
          value: c.id,
          label: t("communityOption", { name: c.name, buildings: c.buildings, units: c.units }),
        }))}
      />
      <div className="flex flex-wrap gap-2">
        {IMPORT_KINDS.map((kind) => (
          <a
            key={kind}
            className={linkClass}
            href={`/api/registry/import/export?kind=${kind}&communityId=${communityId}`}
          >
            {t(`export.${kind}`)}
          </a>
        ))}
      </div>
    </div>
  );
}
