"use server";

import { revalidatePath } from "next/cache";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { surveyAnswerSchema } from "@/lib/crm/visits/schemas";
import { localDate } from "@/lib/time/zone";
import { answerSurvey } from "@/lib/crm/surveys/answers";

/** A resident's answer: the command checks the household received the survey and is theirs (else not_found). */
export const answerSurveyAction = authorizedAction(
  { schema: surveyAnswerSchema, roles: ["resident"] },
  async (input, ctx) => {
    const res = await answerSurvey(
      ctx.db,
      { companyId: ctx.companyId, userId: ctx.user.id },
      input,
      localDate(new Date(), ctx.user.timeZone),
    );
    revalidatePath("/surveys", "layout");
    return res;
  },
);
