import { getTranslations } from "next-intl/server";
import { HomeLink, StatusPage } from "@/components/ui/status-page";

export default async function Forbidden() {
  const t = await getTranslations();
  return (
    <StatusPage
      code="403"
      title={t("forbidden.title")}
      body={t("forbidden.body")}
      action={<HomeLink>{t("common.backHome")}</HomeLink>}
    />
  );
}
