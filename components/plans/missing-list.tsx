"use client";

import { useTranslations } from "next-intl";
import type { CompletenessIssue } from "@/lib/validation/plan-completeness";
import { keyIn } from "@/lib/i18n/keys";

/** The list of what a version still needs before it can be finalized (message keys → text). */
export function MissingList({ issues, linkToFields = false }: { issues: CompletenessIssue[]; linkToFields?: boolean }) {
  const t = useTranslations("plans.missing");
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm">
      {issues.map((issue) => (
        <li key={`${issue.key}-${issue.path}`}>
          {linkToFields ? (
            <a href={`#field-${issue.path.replace(/\./g, "-")}`} className="underline underline-offset-2">
              {t(keyIn("plans.missing", issue.key), issue.params)}
            </a>
          ) : (
            t(keyIn("plans.missing", issue.key), issue.params)
          )}
        </li>
      ))}
    </ul>
  );
}
