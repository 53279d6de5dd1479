"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/types";
import type { AccommodationCard, SectionAccommodations, StudentAccommodations } from "@/lib/dto/delivery";
import { CLASS_LOG_UNDO_MS, IMPLEMENTATION_STATUSES, type ImplementationStatusName } from "@/lib/validation/delivery";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { inputClass } from "../ui/field";
import { messageKey } from "@/lib/i18n/keys";

export interface BoardActions {
  acknowledge: (input: { versionId: string }) => Promise<ActionResult<{ acknowledgedAt: string }>>;
  log: (input: {
    accommodationId: string;
    sectionId: string;
    date: string;
    status: ImplementationStatusName;
    reason?: string;
    note?: string;
  }) => Promise<ActionResult<{ replaced: boolean }>>;
  logClass: (input: {
    sectionId: string;
    date: string;
  }) => Promise<ActionResult<{ logged: number; batchId: string | null }>>;
  undoClass: (input: { sectionId: string; batchId: string }) => Promise<ActionResult<{ retracted: number }>>;
}

/** The batch of the last whole-class log while it may still be undone (the server checks the time too). */
function useUndoWindow() {
  const [batchId, setBatchId] = useState<string | null>(null);
  useEffect(() => {
    if (!batchId) return;
    const timer = setTimeout(() => setBatchId(null), CLASS_LOG_UNDO_MS);
    return () => clearTimeout(timer);
  }, [batchId]);
  return [batchId, setBatchId] as const;
}

function useRun() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = <T,>(action: () => Promise<ActionResult<T>>, onOk?: (data: T) => void) =>
    startTransition(async () => {
      setError(null);
      const result = await action();
      if (result.ok) {
        onOk?.(result.data);
        router.refresh();
      } else {
        setError(
          result.fieldErrors ? Object.values(result.fieldErrors)[0]![0]! : (result.formError ?? "errors.unexpected"),
        );
      }
    });
  return { pending, error, run };
}

function LogControls({
  item,
  sectionId,
  date,
  actions,
  disabled,
}: {
  item: AccommodationCard;
  sectionId: string;
  date: string;
  actions: BoardActions;
  disabled: boolean;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const uid = useId();
  const { pending, error, run } = useRun();
  const [choosingReason, setChoosingReason] = useState(false);
  const [reason, setReason] = useState(item.log?.reason ?? "");
  const [note, setNote] = useState(item.log?.note ?? "");
  const current = item.log?.status ?? null;
  const dateLabel = format.dateTime(new Date(`${date}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const send = (status: ImplementationStatusName) =>
    run(
      () =>
        actions.log({
          accommodationId: item.id,
          sectionId,
          date,
          status,
          reason: status === "not_provided" ? reason : "",
          note,
        }),
      () => setChoosingReason(false),
    );
  return (
    <div className="mt-3 space-y-2">
      <div role="group" aria-labelledby={`${uid}-label`} className="flex flex-wrap gap-2">
        <span id={`${uid}-label`} className="sr-only">
          {t("delivery.log.groupLabel", { item: item.text, date: dateLabel })}
        </span>
        {IMPLEMENTATION_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            disabled={disabled || pending}
            aria-pressed={current === status}
            onClick={() => (status === "not_provided" ? setChoosingReason(true) : send(status))}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50 aria-pressed:border-brand-700 aria-pressed:bg-brand-700 aria-pressed:text-white"
          >
            {t(`delivery.log.status.${status}`)}
          </button>
        ))}
      </div>
      {choosingReason && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            send("not_provided");
          }}
        >
          <div className="min-w-64 flex-1">
            <label htmlFor={`${uid}-reason`} className="block text-sm font-medium">
              {t("delivery.log.reason")}
            </label>
            <input
              id={`${uid}-reason`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className={inputClass}
              maxLength={500}
              required
            />
          </div>
          <div className="min-w-64 flex-1">
            <label htmlFor={`${uid}-note`} className="block text-sm font-medium">
              {t("delivery.log.note")}
            </label>
            <input
              id={`${uid}-note`}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              className={inputClass}
              maxLength={1000}
            />
          </div>
          <Button type="submit" disabled={pending}>
            {t("delivery.log.save")}
          </Button>
        </form>
      )}
      <p className="text-sm text-slate-600" aria-live="polite">
        {item.log ? (
          <>
            {t("delivery.log.saved", { status: t(`delivery.log.status.${item.log.status}`) })}
            {item.log.reason && <> · {item.log.reason}</>}
            {item.log.edited && <> · {t("delivery.log.edited")}</>}
          </>
        ) : (
          t("delivery.log.notYet")
        )}
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {t(messageKey(error))}
        </p>
      )}
    </div>
  );
}

function StudentCard({
  student,
  section,
  date,
  actions,
  canLogToday,
}: {
  student: StudentAccommodations;
  section: SectionAccommodations;
  date: string;
  actions: BoardActions;
  canLogToday: boolean;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const { pending, error, run } = useRun();
  const acknowledged = student.ack.state === "acknowledged";
  const day = (iso: string | null) =>
    iso
      ? format.dateTime(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso), {
          dateStyle: "medium",
          timeZone: iso.length === 10 ? "UTC" : undefined,
        })
      : "";
  const ackText =
    student.ack.state === "acknowledged"
      ? t("delivery.ack.done", { date: day(student.ack.acknowledgedAt) })
      : !student.ack.due
        ? t("delivery.ack.noDue")
        : t(`delivery.ack.${student.ack.state}`, { date: day(student.ack.due) });
  const tone =
    student.ack.state === "acknowledged"
      ? "text-emerald-800"
      : student.ack.state === "due"
        ? "text-slate-700"
        : "text-red-800";
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="text-base font-semibold">
        {t("delivery.studentHeading", {
          name: student.name,
          grade: student.grade,
          type: t(`plans.type.${student.planType}`),
        })}
      </h3>
      <p className={`text-sm font-medium ${tone}`}>{ackText}</p>
      {student.ack.previousVersionNumber !== null && (
        <div className="mt-2">
          <Alert tone="warning">
            {t("delivery.changedSince", { number: student.ack.previousVersionNumber })}
            {student.removedSinceAcknowledged.length > 0 && (
              <span className="block">
                {t("delivery.removedSince", { items: student.removedSinceAcknowledged.join("; ") })}
              </span>
            )}
          </Alert>
        </div>
      )}
      <ul className="mt-3 space-y-3">
        {student.accommodations.map((item) => (
          <li
            key={item.id}
            className={`rounded-md border p-3 ${item.change ? "border-amber-400 bg-amber-50" : "border-slate-200"}`}
          >
            <p className="font-medium">
              {item.text}{" "}
              {item.testing && (
                <span className="ml-1 rounded bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
                  {t("delivery.testing")}
                </span>
              )}
              {item.classroom && (
                <span className="ml-1 rounded bg-sky-100 px-2 py-0.5 text-xs font-semibold text-sky-900">
                  {t("delivery.classroom")}
                </span>
              )}
              {item.kind === "modification" && (
                <span className="ml-1 rounded bg-purple-100 px-2 py-0.5 text-xs font-semibold text-purple-900">
                  {t("delivery.modification")}
                </span>
              )}
              {item.change && (
                <span className="ml-1 rounded bg-amber-200 px-2 py-0.5 text-xs font-semibold text-amber-950">
                  {t(item.change === "added" ? "delivery.new" : "delivery.changed")}
                </span>
              )}
            </p>
            <p className="text-sm text-slate-800">{item.teacherAction}</p>
            {section.sectionId && canLogToday && student.canLog && acknowledged && (
              <LogControls item={item} sectionId={section.sectionId} date={date} actions={actions} disabled={false} />
            )}
          </li>
        ))}
      </ul>
      {!acknowledged && (
        <div className="mt-3 space-y-2">
          {section.sectionId && canLogToday && student.canLog && (
            <p className="text-sm text-slate-700">{t("delivery.log.acknowledgeFirst")}</p>
          )}
          <Button
            type="button"
            disabled={pending}
            onClick={() => run(() => actions.acknowledge({ versionId: student.versionId }))}
          >
            {t("delivery.ack.button")}
          </Button>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {t(messageKey(error))}
        </p>
      )}
    </li>
  );
}

function SectionBlock({
  section,
  date,
  actions,
}: {
  section: SectionAccommodations;
  date: string;
  actions: BoardActions;
}) {
  const t = useTranslations();
  const { pending, error, run } = useRun();
  const [done, setDone] = useState<number | null>(null);
  const [undone, setUndone] = useState<number | null>(null);
  const [undoBatch, setUndoBatch] = useUndoWindow();
  const canLogToday = section.isSchoolDay;
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-lg font-semibold">
          {section.sectionId
            ? t("delivery.sectionTitle", { period: section.period, name: section.name })
            : t("delivery.providerSection")}
          <span className="ml-2 text-sm font-normal text-slate-600">{section.schoolName}</span>
        </h2>
        {section.sectionId && canLogToday && (
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() =>
              run(
                () => actions.logClass({ sectionId: section.sectionId!, date }),
                (data) => {
                  setDone(data.logged);
                  setUndone(null);
                  setUndoBatch(data.batchId);
                },
              )
            }
          >
            {t("delivery.log.wholeClass")}
          </Button>
        )}
      </div>
      {!canLogToday && section.sectionId && <Alert tone="info">{t("delivery.notSchoolDay")}</Alert>}
      {done !== null && (
        <Alert tone="success" live>
          <span className="flex flex-wrap items-center gap-3">
            <span>{t("delivery.log.wholeClassDone", { count: done })}</span>
            {undoBatch && section.sectionId && (
              <>
                <span className="text-sm">{t("delivery.log.undoHint", { seconds: CLASS_LOG_UNDO_MS / 1000 })}</span>
                <Button
                  type="button"
                  variant="secondary"
                  disabled={pending}
                  onClick={() =>
                    run(
                      () => actions.undoClass({ sectionId: section.sectionId!, batchId: undoBatch }),
                      (data) => {
                        setDone(null);
                        setUndoBatch(null);
                        setUndone(data.retracted);
                      },
                    )
                  }
                >
                  {t("delivery.log.undo")}
                </Button>
              </>
            )}
          </span>
        </Alert>
      )}
      {undone !== null && (
        <Alert tone="success" live>
          {t("delivery.log.undone", { count: undone })}
        </Alert>
      )}
      {error && (
        <Alert tone="error" live>
          {t(messageKey(error))}
        </Alert>
      )}
      <ul className="grid gap-4 xl:grid-cols-2">
        {section.students.map((student) => (
          <StudentCard
            key={`${student.studentId}-${student.versionId}`}
            student={student}
            section={section}
            date={date}
            actions={actions}
            canLogToday={canLogToday}
          />
        ))}
      </ul>
    </section>
  );
}

/** "My students' accommodations": per section, short cards, one-click acknowledgment, one-tap log. */
export function AccommodationBoard({
  sections,
  date,
  actions,
}: {
  sections: SectionAccommodations[];
  date: string;
  actions: BoardActions;
}) {
  return (
    <div className="space-y-10">
      {sections.map((section) => (
        <SectionBlock key={section.sectionId ?? "provider"} section={section} date={date} actions={actions} />
      ))}
    </div>
  );
}
