import { getTranslations } from "next-intl/server";
import { Input, Select, TextArea } from "@/components/hr/form-bits";

/** The manager's fields of a review: score 0–100, comment, grade (formula or the manager's choice). */
export async function ManagerFields({
  values,
}: {
  values?: { managerScore: number; comment: string; gradeOverride: string | null };
}) {
  const t = await getTranslations("hr.assessments");
  return (
    <>
      <Input name="managerScore" label={t("managerScore")} inputMode="numeric" defaultValue={values?.managerScore} />
      <Select
        name="gradeOverride"
        label={t("gradeChoice")}
        defaultValue={values?.gradeOverride ?? ""}
        options={[
          { value: "", label: t("gradeByFormula") },
          ...["A", "B", "C", "D"].map((g) => ({ value: g, label: g })),
        ]}
      />
      <TextArea name="comment" label={t("comment")} defaultValue={values?.comment} className="sm:col-span-2" />
    </>
  );
}
