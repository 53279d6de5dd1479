"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { ActionResult } from "@/lib/actions/types";
import type { CalendarImportResult } from "@/lib/dto/deadlines";
import { MAX_CALENDAR_FILE_CHARS } from "@/lib/validation/calendar";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { messageKey } from "@/lib/i18n/keys";

/**
 * Uploads an iCal (.ics) or CSV calendar file. The import is all or nothing: when the file has
 * problems, they are listed by line and nothing is imported.
 */
export function CalendarImportForm({
  schoolId,
  action,
}: {
  schoolId: string;
  action: (input: {
    schoolId: string;
    fileName: string;
    content: string;
  }) => Promise<ActionResult<CalendarImportResult>>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CalendarImportResult | null>(null);
  return (
    <form
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        setError(null);
        setResult(null);
        if (!file) return setError("validation.calendar.file");
        if (file.size > MAX_CALENDAR_FILE_CHARS) return setError("validation.calendar.fileTooLarge");
        setPending(true);
        try {
          const outcome = await action({ schoolId, fileName: file.name, content: await file.text() });
          if (!outcome.ok)
            setError(
              outcome.fieldErrors?.content?.[0] ??
                outcome.fieldErrors?.fileName?.[0] ??
                outcome.formError ??
                "errors.unexpected",
            );
          else {
            setResult(outcome.data);
            if (outcome.data.ok) router.refresh();
          }
        } finally {
          setPending(false);
        }
      }}
    >
      {error && (
        <Alert tone="error" live>
          {t(messageKey(error))}
        </Alert>
      )}
      {result?.ok && (
        <Alert tone="success" live>
          {t("calendarImport.done", {
            years: result.years,
            closures: result.closures,
            extraDays: result.extraDays,
            reportCards: result.reportCards,
            ignored: result.ignored,
          })}
        </Alert>
      )}
      {result && !result.ok && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-medium">{t("calendarImport.rejected", { count: result.problems.length })}</p>
          <table className="mt-2 min-w-full text-left">
            <caption className="sr-only">{t("calendarImport.problemsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-4 font-medium">
                  {t("calendarImport.line")}
                </th>
                <th scope="col" className="py-1 pr-4 font-medium">
                  {t("calendarImport.problem")}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.problems.map((problem, index) => (
                <tr key={index}>
                  <td className="py-1 pr-4 align-top tabular-nums">{problem.line ?? "—"}</td>
                  <td className="py-1 pr-4">
                    {t(messageKey(`calendarImport.problems.${problem.code}`), problem.values)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="space-y-1">
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
          {t("calendarImport.file")}
        </label>
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {t("calendarImport.fileHint")}
        </p>
        <input
          id={`${id}-file`}
          type="file"
          accept=".ics,.csv,text/calendar,text/csv"
          aria-describedby={`${id}-hint`}
          className="block text-sm"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <Button type="submit" disabled={pending}>
        {t("calendarImport.submit")}
      </Button>
    </form>
  );
}
