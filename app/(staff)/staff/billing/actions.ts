"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { authorizedAction } from "@/lib/actions/authorized-action";
import { AppError } from "@/lib/actions/result";
import { BILLING_ROLES, BILLING_SETTINGS_ROLES, CORRECTION_ROLES } from "@/lib/billing/access";
import { chargeOneOff } from "@/lib/billing/charges";
import { createContract, createContractCustomer, recordContractPayment } from "@/lib/billing/contracts";
import { adjustBill, voidBill } from "@/lib/billing/corrections";
import { refundAnyPayment } from "@/lib/billing/providers/refund";
import { secretsKey } from "@/lib/crypto/secrets";
import { liveEnv } from "@/lib/env";
import { generateBills } from "@/lib/billing/generate";
import { saveReadings } from "@/lib/billing/meters";
import {
  adjustSchema,
  cashierPaymentSchema,
  chargeSchema,
  collectionTargetSchema,
  contractCustomerSchema,
  contractPaymentSchema,
  contractSchema,
  feeItemSchema,
  feeItemUpdateSchema,
  generateSchema,
  readingsSchema,
  refundSchema,
  settingsSchema,
  unitPeriodSchema,
  voidSchema,
} from "@/lib/billing/schemas";
import { createFeeItem, saveBillingSettings, saveCollectionTarget, updateFeeItem } from "@/lib/billing/settings";
import { addUnitPeriod } from "@/lib/billing/unit-periods";
import { recordPayment } from "@/lib/flows/record-payment";
import { deliverSoon } from "@/lib/outbox/job";
import { householdIdByCode, transferUnit } from "@/lib/registry/holdings";
import { transferFormSchema } from "@/lib/registry/schemas";

/**
 * Billing actions for staff. Money at the desk and bill runs: finance and admin.
 * Corrections: finance only. Fee items and settings: admin. Every command is scoped to
 * the action's company; an id from another company is not_found.
 */
const actor = (ctx: { companyId: number; user: { id: number } }) => ({ companyId: ctx.companyId, userId: ctx.user.id });
const refresh = () => revalidatePath("/staff/billing", "layout");

export const takePaymentAction = authorizedAction(
  { schema: cashierPaymentSchema, roles: BILLING_ROLES },
  async (input, ctx) => {
    const since = new Date();
    const { payment } = await recordPayment(ctx.db, {
      companyId: ctx.companyId,
      householdId: input.householdId,
      amountFen: input.amount,
      method: input.method,
      idempotencyKey: `desk:${input.idempotencyKey}`,
      actorUserId: ctx.user.id,
      note: input.note || null,
      timeZone: ctx.user.timeZone,
    });
    // The receipt e-mail leaves right after the response; the minute tick is the safety net.
    after(() => deliverSoon(ctx.db, ctx.companyId, since));
    refresh();
    return { paymentId: payment.id, receiptNo: payment.receiptNo };
  },
);

export const generateBillsAction = authorizedAction(
  { schema: generateSchema, roles: BILLING_ROLES },
  async (input, ctx) => {
    const result = await generateBills(ctx.db, ctx.companyId, input.period);
    refresh();
    return result;
  },
);

export const chargeAction = authorizedAction({ schema: chargeSchema, roles: BILLING_ROLES }, async (input, ctx) => {
  const bill = await chargeOneOff(
    ctx.db,
    actor(ctx),
    { householdId: input.householdId, feeItemId: input.feeItemId, amountFen: input.amount },
    new Date(),
    ctx.user.timeZone,
  );
  refresh();
  return { billId: bill.id };
});

export const voidBillAction = authorizedAction({ schema: voidSchema, roles: CORRECTION_ROLES }, async (input, ctx) => {
  await voidBill(ctx.db, actor(ctx), input);
  refresh();
  return null;
});

export const adjustBillAction = authorizedAction(
  { schema: adjustSchema, roles: CORRECTION_ROLES },
  async (input, ctx) => {
    await adjustBill(ctx.db, actor(ctx), { billId: input.billId, amountFen: input.amount, reason: input.reason });
    refresh();
    return null;
  },
);

/** A refund; an online payment (WeChat Pay, Alipay) is refunded through its provider first. */
export const refundAction = authorizedAction({ schema: refundSchema, roles: CORRECTION_ROLES }, async (input, ctx) => {
  const baseUrl = liveEnv("NEXTAUTH_URL") ?? "http://localhost:3000";
  await refundAnyPayment(
    ctx.db,
    secretsKey,
    actor(ctx),
    { paymentId: input.paymentId, amountFen: input.amount, reason: input.reason, requestId: input.requestId },
    baseUrl,
  );
  refresh();
  return null;
});

export const createFeeItemAction = authorizedAction(
  { schema: feeItemSchema, roles: BILLING_SETTINGS_ROLES },
  async (input, ctx) => {
    const row = await createFeeItem(ctx.db, actor(ctx), input);
    refresh();
    return { id: row.id };
  },
);

export const updateFeeItemAction = authorizedAction(
  { schema: feeItemUpdateSchema, roles: BILLING_SETTINGS_ROLES },
  async (input, ctx) => {
    await updateFeeItem(ctx.db, actor(ctx), input);
    refresh();
    return null;
  },
);

export const saveSettingsAction = authorizedAction(
  { schema: settingsSchema, roles: BILLING_SETTINGS_ROLES },
  async (input, ctx) => {
    await saveBillingSettings(ctx.db, actor(ctx), input);
    refresh();
    return null;
  },
);

/** The monthly collection-rate target the admin/PM workbench compares with (admin; audited). */
export const saveCollectionTargetAction = authorizedAction(
  { schema: collectionTargetSchema, roles: BILLING_SETTINGS_ROLES },
  async (input, ctx) => {
    await saveCollectionTarget(ctx.db, actor(ctx), input.target);
    refresh();
    return null;
  },
);

export const saveReadingsAction = authorizedAction(
  { schema: readingsSchema, roles: BILLING_ROLES },
  async (input, ctx) => {
    const saved = await saveReadings(ctx.db, actor(ctx), {
      feeItemId: input.feeItemId,
      period: input.period,
      readings: input.readings.map((r) => ({ unitId: r.unitId, readingCenti: r.reading })),
    });
    refresh();
    return { saved: saved.length };
  },
);

export const createContractCustomerAction = authorizedAction(
  { schema: contractCustomerSchema, roles: BILLING_ROLES },
  async (input, ctx) => {
    const row = await createContractCustomer(ctx.db, actor(ctx), input);
    refresh();
    return { id: row.id };
  },
);

export const createContractAction = authorizedAction(
  { schema: contractSchema, roles: BILLING_ROLES },
  async (input, ctx) => {
    const row = await createContract(ctx.db, actor(ctx), {
      customerId: input.customerId,
      communityId: input.communityId,
      description: input.description,
      monthlyFen: input.monthly,
      startMonth: input.startMonth,
      endMonth: input.endMonth,
    });
    refresh();
    return { id: row.id };
  },
);

export const contractPaymentAction = authorizedAction(
  { schema: contractPaymentSchema, roles: BILLING_ROLES },
  async (input, ctx) => {
    const since = new Date();
    const { payment } = await recordContractPayment(ctx.db, actor(ctx), {
      customerId: input.customerId,
      amountFen: input.amount,
      method: input.method,
      idempotencyKey: `desk:${input.idempotencyKey}`,
      timeZone: ctx.user.timeZone,
    });
    // The receipt e-mail leaves right after the response; the minute tick is the safety net.
    after(() => deliverSoon(ctx.db, ctx.companyId, since));
    refresh();
    return { paymentId: payment.id, receiptNo: payment.receiptNo };
  },
);

/** 过户 recorded by finance: the unit passes to the household with the given code on the date. */
export const transferUnitAction = authorizedAction(
  { schema: transferFormSchema, roles: BILLING_ROLES },
  async (input, ctx) => {
    const toHouseholdId = await householdIdByCode(ctx.db, ctx.companyId, input.toHouseholdCode);
    const result = await transferUnit(ctx.db, actor(ctx), {
      unitId: input.unitId,
      fromHouseholdId: input.fromHouseholdId,
      toHouseholdId,
      date: input.date,
    }).catch((e: unknown) => {
      // The form names the buyer by code: its errors belong at that field.
      const buyer = e instanceof AppError ? e.fieldErrors?.toHouseholdId : undefined;
      throw buyer ? AppError.field("toHouseholdCode", buyer[0]) : e;
    });
    refresh();
    revalidatePath("/staff/registry", "layout");
    return result;
  },
);

/** A vacant or fee-free period of a unit (finance and admin). */
export const addUnitPeriodAction = authorizedAction(
  { schema: unitPeriodSchema, roles: BILLING_ROLES },
  async (input, ctx) => {
    const row = await addUnitPeriod(ctx.db, actor(ctx), input);
    refresh();
    return { id: row.id };
  },
);
