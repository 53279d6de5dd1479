"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import type { ActionResult } from "@/lib/actions/types";
import type { PlanEndView } from "@/lib/dto/transitions";
import {
  cancelPlanEndSchema,
  holdPlanEndSchema,
  recordTransferSchema,
  resolveHeldEndSchema,
  type CancelPlanEndInput,
  type HoldPlanEndInput,
  type RecordTransferInput,
  type ResolveHeldEndInput,
} from "@/lib/validation/transitions";
import { useFieldMessages } from "../forms/field-messages";
import { FormFrame, frameState } from "../forms/form-frame";
import { useServerForm } from "../forms/use-server-form";
import { Alert } from "../ui/alert";
import { Field, inputClass } from "../ui/field";

type Action<I> = (input: I) => Promise<ActionResult<unknown>>;

export interface EndActionHandlers {
  cancel: Action<CancelPlanEndInput>;
  hold: Action<HoldPlanEndInput>;
  resolve: Action<ResolveHeldEndInput>;
  transfer: Action<RecordTransferInput>;
}

/**
 * What the lead may do with one recorded plan end (issue 12): cancel it before its date with a reason,
 * mark the plan as continuing under stay-put while a due-process filing is pending (CL-7), act on the
 * filing's outcome once it is closed, and log the records transfer of a move (FERPA 99.32).
 */
export function EndActions({
  studentId,
  today,
  end,
  actions,
}: {
  studentId: string;
  today: string;
  end: PlanEndView;
  actions: EndActionHandlers;
}) {
  const t = useTranslations("exits");
  return (
    <div className="mt-2 space-y-3">
      {end.receivingDistrict && (
        <p>
          <span className="font-medium">{t("receivingDistrict")}:</span> {end.receivingDistrict}
        </p>
      )}
      {end.receivingSchool && (
        <p>
          <span className="font-medium">{t("receivingSchool")}:</span> {end.receivingSchool}
        </p>
      )}
      {end.status === "cancelled" && end.cancelReason && (
        <p>
          <span className="font-medium">{t("cancelReasonLabel")}:</span> {end.cancelReason}
        </p>
      )}
      {end.heldUnderStayPut && <Alert tone="warning">{end.filingClosed ? t("heldResolved") : t("held")}</Alert>}
      {end.canHold && <HoldForm studentId={studentId} endId={end.id} action={actions.hold} />}
      {end.canResolve && (
        <ResolveForm studentId={studentId} endId={end.id} endsOn={end.endsOn} action={actions.resolve} />
      )}
      {end.canCancel && !end.heldUnderStayPut && (
        <CancelForm studentId={studentId} endId={end.id} action={actions.cancel} />
      )}
      {end.canRecordTransfer && (
        <TransferForm
          studentId={studentId}
          endId={end.id}
          today={today}
          recipient={[end.receivingSchool, end.receivingDistrict].filter(Boolean).join(", ")}
          action={actions.transfer}
        />
      )}
    </div>
  );
}

function CancelForm({
  studentId,
  endId,
  action,
}: {
  studentId: string;
  endId: string;
  action: Action<CancelPlanEndInput>;
}) {
  const t = useTranslations("exits.cancel");
  const id = useId();
  const server = useServerForm({
    schema: cancelPlanEndSchema,
    defaultValues: { studentId, endId, reason: "" },
    action,
  });
  const { form, errorKey } = server;
  const { errors, control } = useFieldMessages(id, errorKey);
  return (
    <FormFrame
      layout="divided"
      title={t("title")}
      intro={t("intro")}
      savedKey="exits.cancel.saved"
      submitLabel={t("submit")}
      submitVariant="secondary"
      {...frameState(server)}
    >
      <Field id={`${id}-reason`} label={t("reason")} errors={errors("reason")}>
        <textarea
          rows={2}
          maxLength={2000}
          {...control("reason")}
          {...form.register("reason")}
          className={inputClass}
        />
      </Field>
    </FormFrame>
  );
}

function HoldForm({
  studentId,
  endId,
  action,
}: {
  studentId: string;
  endId: string;
  action: Action<HoldPlanEndInput>;
}) {
  const t = useTranslations("exits.hold");
  const server = useServerForm({
    schema: holdPlanEndSchema,
    defaultValues: { studentId, endId },
    action,
  });
  return (
    <FormFrame
      layout="divided"
      intro={t("intro")}
      savedKey="exits.hold.saved"
      submitLabel={t("submit")}
      {...frameState(server)}
    />
  );
}

function ResolveForm({
  studentId,
  endId,
  endsOn,
  action,
}: {
  studentId: string;
  endId: string;
  endsOn: string;
  action: Action<ResolveHeldEndInput>;
}) {
  const t = useTranslations("exits.resolve");
  const id = useId();
  const server = useServerForm({
    schema: resolveHeldEndSchema,
    defaultValues: { studentId, endId, outcome: "reschedule", endsOn, note: "" },
    action,
  });
  const { form, errorKey } = server;
  const { errors, control } = useFieldMessages(id, errorKey);
  const outcome = form.watch("outcome");
  return (
    <FormFrame
      layout="divided"
      title={t("title")}
      savedKey="exits.resolve.saved"
      submitLabel={t("submit")}
      {...frameState(server)}
    >
      <Field id={`${id}-outcome`} label={t("outcome")} errors={errors("outcome")}>
        <select {...control("outcome")} {...form.register("outcome")} className={inputClass}>
          <option value="reschedule">{t("reschedule")}</option>
          <option value="cancel">{t("cancel")}</option>
        </select>
      </Field>
      {outcome === "reschedule" && (
        <Field id={`${id}-endsOn`} label={t("endsOn")} errors={errors("endsOn")}>
          <input type="date" {...control("endsOn")} {...form.register("endsOn")} className={inputClass} />
        </Field>
      )}
      <Field id={`${id}-note`} label={t("note")} errors={errors("note")}>
        <textarea rows={2} maxLength={2000} {...control("note")} {...form.register("note")} className={inputClass} />
      </Field>
    </FormFrame>
  );
}

function TransferForm({
  studentId,
  endId,
  today,
  recipient,
  action,
}: {
  studentId: string;
  endId: string;
  today: string;
  recipient: string;
  action: Action<RecordTransferInput>;
}) {
  const t = useTranslations("exits.transfer");
  const id = useId();
  const server = useServerForm({
    schema: recordTransferSchema,
    defaultValues: {
      studentId,
      endId,
      disclosedOn: today,
      recipient,
      records: "",
      legitimateInterest: t("legitimateInterestDefault"),
    },
    action,
  });
  const { form, errorKey } = server;
  const { errors, control } = useFieldMessages(id, errorKey);
  return (
    <FormFrame
      layout="divided"
      title={t("title")}
      intro={t("intro")}
      savedKey="exits.transfer.saved"
      submitLabel={t("submit")}
      {...frameState(server)}
    >
      <Field id={`${id}-disclosedOn`} label={t("disclosedOn")} errors={errors("disclosedOn")}>
        <input type="date" {...control("disclosedOn")} {...form.register("disclosedOn")} className={inputClass} />
      </Field>
      <Field id={`${id}-recipient`} label={t("recipient")} errors={errors("recipient")}>
        <input
          type="text"
          maxLength={500}
          {...control("recipient")}
          {...form.register("recipient")}
          className={inputClass}
        />
      </Field>
      <Field id={`${id}-records`} label={t("records")} errors={errors("records")}>
        <textarea
          rows={2}
          maxLength={2000}
          {...control("records")}
          {...form.register("records")}
          className={inputClass}
        />
      </Field>
      <Field id={`${id}-legitimateInterest`} label={t("legitimateInterest")} errors={errors("legitimateInterest")}>
        <textarea
          rows={2}
          maxLength={2000}
          {...control("legitimateInterest")}
          {...form.register("legitimateInterest")}
          className={inputClass}
        />
      </Field>
    </FormFrame>
  );
}
