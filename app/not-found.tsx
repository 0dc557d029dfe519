import { getTranslations } from "next-intl/server";
import { HomeLink, StatusPage } from "@/components/ui/status-page";

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <StatusPage
      code="404"
      title={t("notFound.title")}
      body={t("notFound.body")}
      action={<HomeLink>{t("common.backHome")}</HomeLink>}
    />
  );
}
