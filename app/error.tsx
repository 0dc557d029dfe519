"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { StatusPage } from "@/components/ui/status-page";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  useEffect(() => console.error(error), [error]);
  return (
    <StatusPage
      code="500"
      title={t("errorPage.title")}
      body={t("errorPage.body")}
      action={<Button onClick={reset}>{t("common.retry")}</Button>}
    />
  );
}
