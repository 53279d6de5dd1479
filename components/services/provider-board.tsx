"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ProviderServicesView } from "@/lib/dto/services";
import { messageKey } from "@/lib/i18n/keys";
import { SESSION_STATUSES, type SessionStatusName } from "@/lib/validation/services";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { inputClass } from "../ui/field";
import type { LogSessionAction } from "./session-form";

/**
 * The provider's tablet screen: one card per service with this week's minutes, a one-tap
 * "delivered as scheduled", and a checkbox to put the student in a group session logged once.
 * Every control is at least 44 px high.
 */
export function ProviderBoard({ view, action }: { view: ProviderServicesView; action: LogSessionAction }) {
  const t = useTranslations("services");
  const tr = useTranslations();
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const [group, setGroup] = useState<string[]>([]);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [groupMinutes, setGroupMinutes] = useState(30);
  const [groupStatus, setGroupStatus] = useState<SessionStatusName>(view.isSchoolDay ? "delivered" : "school_closed");
  const [groupSize, setGroupSize] = useState<number | "">("");

  const run = (input: Parameters<LogSessionAction>[0], after?: () => void) =>
    startTransition(async () => {
      setMessage(null);
      const result = await action(input);
      if (result.ok) {
        setMessage({ tone: "success", text: t("mine.saved", { count: result.data.sessions }) });
        after?.();
        router.refresh();
      } else {
        const key = result.fieldErrors
          ? Object.values(result.fieldErrors)[0]![0]!
          : (result.formError ?? "errors.unexpected");
        setMessage({ tone: "error", text: tr(messageKey(key)) });
      }
    });

  const toggle = (serviceId: string, on: boolean) =>
    setGroup((current) => (on ? [...current, serviceId] : current.filter((s) => s !== serviceId)));

  if (view.services.length === 0) return <p>{t("mine.noServices")}</p>;
  return (
    <div className="space-y-4">
      {!view.isSchoolDay && <Alert tone="info">{t("mine.notSchoolDay")}</Alert>}
      {message && (
        <Alert tone={message.tone} live>
          {message.text}
        </Alert>
      )}
      <ul className="grid gap-4 md:grid-cols-2">
        {view.services.map((service) => {
          const checkbox = `${id}-group-${service.serviceId}`;
          return (
            <li
              key={service.serviceId}
              className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
              data-testid={`service-${service.serviceId}`}
            >
              <h2 className="text-lg font-semibold">{service.studentName}</h2>
              <p className="text-sm text-slate-700">
                {service.serviceType} · {t("requirement", { minutes: service.minutes, frequency: service.frequency })}
              </p>
              <p className="mt-1 text-sm font-medium" data-testid="week-minutes">
                {t("mine.thisWeek", { delivered: service.week.delivered, required: service.week.required })}
              </p>
              {service.logged.length > 0 && (
                <p className="text-sm text-slate-700">
                  {t("mine.loggedToday", {
                    entries: service.logged
                      .map((l) => t("mine.loggedEntry", { minutes: l.minutes, status: t(`status.${l.status}`) }))
                      .join("; "),
                  })}
                </p>
              )}
              <div className="mt-3 flex flex-wrap items-center gap-3">
                {view.isSchoolDay && (
                  <Button
                    type="button"
                    className="min-h-11"
                    disabled={pending}
                    aria-label={t("mine.asScheduledFor", { minutes: service.minutes, name: service.studentName })}
                    onClick={() =>
                      run({
                        date: view.date,
                        minutes: service.minutes,
                        status: "delivered",
                        entries: [{ serviceId: service.serviceId, goalIds: [] }],
                      })
                    }
                  >
                    {t("mine.asScheduled", { minutes: service.minutes })}
                  </Button>
                )}
                <label htmlFor={checkbox} className="flex min-h-11 items-center gap-2 text-sm">
                  <input
                    id={checkbox}
                    type="checkbox"
                    className="h-6 w-6"
                    checked={group.includes(service.serviceId)}
                    onChange={(e) => toggle(service.serviceId, e.target.checked)}
                  />
                  {t("mine.inGroup")}
                </label>
                <Link
                  href={`/students/${service.studentId}/services`}
                  className="inline-flex min-h-11 items-center text-sm text-brand-700 underline"
                >
                  {t("mine.details")}
                  <span className="sr-only"> — {service.studentName}</span>
                </Link>
              </div>
            </li>
          );
        })}
      </ul>
      <section aria-labelledby={`${id}-group-title`} className="rounded-lg border border-slate-300 bg-slate-50 p-4">
        <h2 id={`${id}-group-title`} className="text-lg font-semibold">
          {t("mine.groupTitle")}
        </h2>
        <p className="text-sm text-slate-700">{t("mine.groupHint")}</p>
        <p className="mt-1 text-sm font-medium" role="status">
          {t("mine.groupSelected", { count: group.length })}
        </p>
        <div className="mt-3 grid gap-3 sm:grid-cols-3">
          <div>
            <label htmlFor={`${id}-gm`} className="block text-sm font-medium">
              {t("form.minutes")}
            </label>
            <input
              id={`${id}-gm`}
              type="number"
              min={1}
              max={600}
              value={groupMinutes}
              onChange={(e) => setGroupMinutes(Number(e.target.value))}
              className={`${inputClass} min-h-11`}
            />
          </div>
          <div>
            <label htmlFor={`${id}-gs`} className="block text-sm font-medium">
              {t("form.status")}
            </label>
            <select
              id={`${id}-gs`}
              value={groupStatus}
              onChange={(e) => setGroupStatus(e.target.value as SessionStatusName)}
              className={`${inputClass} min-h-11`}
            >
              {SESSION_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`status.${status}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-gz`} className="block text-sm font-medium">
              {t("mine.groupSize")}
            </label>
            <input
              id={`${id}-gz`}
              type="number"
              min={1}
              max={30}
              placeholder={String(Math.max(group.length, 1))}
              value={groupSize}
              onChange={(e) => setGroupSize(e.target.value === "" ? "" : Number(e.target.value))}
              className={`${inputClass} min-h-11`}
            />
          </div>
        </div>
        <Button
          type="button"
          className="mt-3 min-h-11"
          disabled={pending || group.length === 0}
          onClick={() =>
            run(
              {
                date: view.date,
                minutes: groupMinutes,
                status: groupStatus,
                groupSize: groupSize === "" ? undefined : groupSize,
                entries: group.map((serviceId) => ({ serviceId, goalIds: [] })),
              },
              () => setGroup([]),
            )
          }
        >
          {t("mine.logGroup")}
        </Button>
      </section>
    </div>
  );
}
