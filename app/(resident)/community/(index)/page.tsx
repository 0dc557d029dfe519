import { getTranslations } from "next-intl/server";
import { PortalTiles } from "@/components/portal/tiles";
import { requireUser } from "@/app/_lib/session";

export async function generateMetadata() {
  return { title: (await getTranslations("portal.community"))("title") };
}

/** The community tab: announcements, activities, the shop, the service guide. */
export default async function CommunityPage() {
  await requireUser(["resident"]);
  const t = await getTranslations("portal.community");
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-lg font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("subtitle")}</p>
      </div>
      <PortalTiles />
    </div>
  );
}
