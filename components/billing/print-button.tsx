"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export function PrintButton({ label }: { label?: string }) {
  const t = useTranslations("billing.common");
  return (
    <Button type="button" variant="secondary" className="no-print" onClick={() => window.print()}>
      {label ?? t("print")}
    </Button>
  );
}
