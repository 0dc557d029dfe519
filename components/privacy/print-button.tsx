"use client";

import { Button } from "@/components/ui/button";

/** Opens every section and prints the page (the readable copy of "my data"). */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button
      type="button"
      variant="secondary"
      className="print:hidden"
      onClick={() => {
        document.querySelectorAll("details").forEach((d) => d.setAttribute("open", ""));
        window.print();
      }}
    >
      {label}
    </Button>
  );
}
