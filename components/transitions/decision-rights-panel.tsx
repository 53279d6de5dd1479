"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import type { ActionResult } from "@/lib/actions/types";
import type { DecisionRights } from "@/lib/dto/adult-students";
import { recordCourtGuardianshipSchema, type RecordCourtGuardianshipInput } from "@/lib/validation/transitions";
import { useFieldMessages } from "../forms/field-messages";
import { FormFrame, frameState } from "../forms/form-frame";
import { SelectField } from "../forms/select-field";
import { useServerForm } from "../forms/use-server-form";
import { Field, inputClass } from "../ui/field";

type Action<I> = (input: I) => Promise<ActionResult<unknown>>;

/**
 * The student page's age-of-majority section (CL-10; 300.520): who decides today and from the 18th
 * birthday, the court orders on file and, for staff who may record one, the form that records a
 * court-appointed guardian of the adult student.
 */
export function DecisionRightsPanel({
  data,
  action,
}: {
  data: DecisionRights;
  action: Action<RecordCourtGuardianshipInput>;
}) {
  const t = useTranslations("exits.rights");
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{t("eighteenOn")}</dt>
        <dd>{data.eighteenOn}</dd>
        <dt className="font-medium">{t("today")}</dt>
        <dd>{t(`holders.${data.holderToday}`)}</dd>
        {!data.adult && (
          <>
            <dt className="font-medium">{t("fromEighteen")}</dt>
            <dd>{t(`holders.${data.holderFromEighteen}`)}</dd>
          </>
        )}
      </dl>
      {data.appointedNames.length > 0 && (
        <p className="text-sm">{t("appointed", { names: data.appointedNames.join(", ") })}</p>
      )}
      <h3 className="font-medium">{t("orders")}</h3>
      {data.orders.length === 0 ? (
        <p className="text-sm text-slate-700">{t("noOrders")}</p>
      ) : (
        <ul className="list-disc space-y-1 pl-5 text-sm">
          {data.orders.map((o) => (
            <li key={o.id}>
              {t("orderLine", {
                guardian: o.guardianName,
                court: o.court,
                orderDate: o.orderDate,
                startsOn: o.startsOn,
                document: o.documentReference,
              })}
            </li>
          ))}
        </ul>
      )}
      {data.canRecord && <CourtGuardianForm data={data} action={action} />}
    </section>
  );
}

function CourtGuardianForm({ data, action }: { data: DecisionRights; action: Action<RecordCourtGuardianshipInput> }) {
  const t = useTranslations("exits.rights.form");
  const id = useId();
  const startsOn = data.eighteenOn > data.today ? data.eighteenOn : data.today;
  const server = useServerForm({
    schema: recordCourtGuardianshipSchema,
    defaultValues: {
      studentId: data.studentId,
      guardianshipId: data.guardians[0]?.id ?? "",
      court: "",
      orderDate: data.today,
      startsOn,
      documentReference: "",
    },
    action,
  });
  const { form, errorKey } = server;
  const { errors, control } = useFieldMessages(id, errorKey);
  if (data.guardians.length === 0) return <p className="text-sm text-slate-700">{t("noGuardians")}</p>;
  return (
    <FormFrame
      title={t("title")}
      intro={t("intro")}
      savedKey="exits.rights.form.saved"
      submitLabel={t("submit")}
      {...frameState(server)}
    >
      <SelectField
        label={t("guardian")}
        control={control("guardianshipId")}
        errors={errors("guardianshipId")}
        register={form.register("guardianshipId")}
        options={data.guardians.map((g) => ({ value: g.id, label: g.name }))}
      />
      <Field id={`${id}-court`} label={t("court")} errors={errors("court")}>
        <input type="text" maxLength={300} {...control("court")} {...form.register("court")} className={inputClass} />
      </Field>
      <Field id={`${id}-orderDate`} label={t("orderDate")} errors={errors("orderDate")}>
        <input type="date" {...control("orderDate")} {...form.register("orderDate")} className={inputClass} />
      </Field>
      <Field id={`${id}-startsOn`} label={t("startsOn")} errors={errors("startsOn")}>
        <input type="date" {...control("startsOn")} {...form.register("startsOn")} className={inputClass} />
      </Field>
      <Field id={`${id}-documentReference`} label={t("documentReference")} errors={errors("documentReference")}>
        <input
          type="text"
          maxLength={500}
          {...control("documentReference")}
          {...form.register("documentReference")}
          className={inputClass}
        />
      </Field>
    </FormFrame>
  );
}
