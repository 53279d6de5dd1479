import { getFormatter, getTranslations } from "next-intl/server";
import type { ActionResult } from "@/lib/actions/types";
import type { StudentDeadlines } from "@/lib/dto/deadlines";
import { ActionButton } from "../ui/action-button";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { CompleteDeadlineForm } from "./complete-deadline-form";
import { DATE_FORMAT, isoDateValue } from "./dates";
import { DelayReasonForm } from "./delay-reason-form";
import { RecordEventForm } from "./record-event-form";
import { StatusText, TimingBadge } from "./status-text";
import { VoidEventForm } from "./void-event-form";
import type { DeadlineRuleKey } from "@/lib/i18n/keys";

type Action<I> = (input: I) => Promise<ActionResult<unknown>>;

export interface DeadlineActions {
  record: Action<Record<string, unknown>>;
  void: Action<{ studentId: string; eventId: string; reason: string }>;
  complete: Action<{ studentId: string; deadlineId: string; completedOn: string }>;
  delayReason: Action<{ studentId: string; deadlineId: string; reason: string }>;
}

/** The student page's deadlines: computed deadlines with time left, the case events they come from, and the forms to record more. */
export async function StudentDeadlinesPanel({ data, actions }: { data: StudentDeadlines; actions: DeadlineActions }) {
  const t = await getTranslations("deadlines");
  const format = await getFormatter();
  const date = (value: string) => format.dateTime(isoDateValue(value), DATE_FORMAT);
  return (
    <section id="deadlines" aria-labelledby="deadlines-title" className="mt-8 space-y-6">
      <h2 id="deadlines-title" className="text-xl font-semibold text-slate-900">
        {t("section.title")}
      </h2>
      <Card title={t("section.deadlinesTitle")} titleId="deadline-list-title" headingLevel={3}>
        {data.deadlines.length === 0 ? (
          <p className="text-slate-600">{t("section.noDeadlines")}</p>
        ) : (
          <DataTable
            labelledBy="deadline-list-title"
            columns={[
              ...(["rule", "due", "status", "countedFrom"] as const).map((c) => ({ label: t(`section.${c}`) })),
              { label: t("section.actions"), srOnly: true },
            ]}
          >
            {data.deadlines.map((d) => {
              const rule = t(`rules.${d.ruleId as DeadlineRuleKey}.title`);
              return (
                <tr key={d.id} className={d.overdue ? "bg-red-50" : undefined}>
                  <th scope="row" className="py-2 pr-4 font-medium">
                    {rule} <span className="font-normal text-slate-600">({d.ruleId})</span>
                  </th>
                  <td className="py-2 pr-4 whitespace-nowrap">{d.due ? date(d.due) : t("section.noDue")}</td>
                  <td className="py-2 pr-4">
                    {d.schoolDaysLeft !== null ? (
                      <TimingBadge
                        schoolDaysLeft={d.schoolDaysLeft}
                        overdue={d.overdue}
                        escalated={d.escalated}
                        beyondCalendar={d.beyondCalendar}
                      />
                    ) : (
                      <StatusText status={d.status} />
                    )}
                    {d.completedOn && (
                      <span className="block text-slate-600">
                        {t("section.completedOn", { date: date(d.completedOn) })}
                      </span>
                    )}
                    {d.delayReason && (
                      <span className="block text-slate-600">
                        {t("section.delayReasonShown", { reason: t(`delayReasons.${d.delayReason}`) })}
                      </span>
                    )}
                  </td>
                  <td className="py-2 pr-4 whitespace-nowrap">
                    {d.triggerDate ? date(d.triggerDate) : t("section.birthDate")}
                  </td>
                  <td className="py-2 pr-4">
                    {d.canComplete && (
                      <CompleteDeadlineForm
                        studentId={data.studentId}
                        deadlineId={d.id}
                        rule={rule}
                        today={data.today}
                        action={actions.complete}
                      />
                    )}
                    {d.consentStep && (
                      <div className="max-w-xs space-y-1">
                        <p className="text-sm text-amber-800">{t("consentStep.text")}</p>
                        <ActionButton
                          action={actions.record}
                          input={{
                            studentId: data.studentId,
                            type: "consent_refused",
                            consent: d.consentStep,
                            date: data.today,
                            note: t("consentStep.note"),
                          }}
                          label={t("consentStep.button")}
                          confirm={t("consentStep.text")}
                        />
                      </div>
                    )}
                    {d.canRecordDelayReason && (
                      <DelayReasonForm
                        studentId={data.studentId}
                        deadlineId={d.id}
                        rule={rule}
                        current={d.delayReason}
                        reasons={data.delayReasons.map((code) => ({ code, label: t(`delayReasons.${code}`) }))}
                        action={actions.delayReason}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </Card>
      <Card title={t("section.eventsTitle")} titleId="case-events-title" headingLevel={3}>
        {data.events.length === 0 ? (
          <p className="mb-4 text-slate-600">{t("section.noEvents")}</p>
        ) : (
          <ul className="mb-6 divide-y divide-slate-100 text-sm" aria-labelledby="case-events-title">
            {data.events.map((event) => {
              const label = t(`events.${event.type}`);
              return (
                <li key={event.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
                  <div className={event.voided ? "text-slate-500 line-through" : undefined}>
                    <span className="font-medium">{date(event.date)}</span> · {label}
                    {event.consent && <span> · {t(`consents.${event.consent}`)}</span>}
                    {event.meetingDate && <span> · {t("section.meetingOn", { date: date(event.meetingDate) })}</span>}
                    {event.agreedImplementationDate && (
                      <span> · {t("section.agreedOn", { date: date(event.agreedImplementationDate) })}</span>
                    )}
                    {event.birthToThree && <span> · {t("form.birthToThree")}</span>}
                    {event.eligibilityKind && <span> · {t(`eligibilityKinds.${event.eligibilityKind}`)}</span>}
                    {event.eligible !== null && (
                      <span> · {t(event.eligible ? "form.eligibleYes" : "form.eligibleNo")}</span>
                    )}
                    {event.purposes?.map((purpose) => (
                      <span key={purpose}> · {t(`purposes.${purpose}`)}</span>
                    ))}
                    {event.pwnAction && <span> · {t(`pwnActions.${event.pwnAction}`)}</span>}
                    {event.pwnSubject && <span> · {t(`pwnSubjects.${event.pwnSubject}`)}</span>}
                    {event.exitReason && <span> · {t(`exitReasons.${event.exitReason}`)}</span>}
                    {event.shorterNoticeAgreed && <span> · {t("shortNoticeAgreed")}</span>}
                    {event.note && <span className="block text-slate-700">{event.note}</span>}
                    <span className="block text-slate-600">
                      {event.source === "workflow"
                        ? t("section.fromWorkflow")
                        : t("section.recordedBy", { name: event.recordedByName ?? t("section.unknown") })}
                    </span>
                  </div>
                  {event.voided ? (
                    <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
                      {event.voidReason
                        ? t("section.voidedBecause", { reason: event.voidReason })
                        : t("section.voided")}
                    </span>
                  ) : (
                    event.canVoid && (
                      <VoidEventForm
                        studentId={data.studentId}
                        eventId={event.id}
                        event={label}
                        date={date(event.date)}
                        action={actions.void}
                      />
                    )
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {data.recordableTypes.length > 0 && (
          <RecordEventForm
            studentId={data.studentId}
            today={data.today}
            birthDate={data.birthDate}
            types={data.recordableTypes.map((type) => ({ value: type, label: t(`events.${type}`) }))}
            action={actions.record}
          />
        )}
      </Card>
    </section>
  );
}
