import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { translatorFor } from "@/lib/notifications/translator";
import { diffPlanContent } from "@/lib/plans/diff";
import { emptyContent } from "@/lib/validation/plans";
import { DiffBody } from "./diff-view";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("DiffBody (issue 14: one localized date format, dates diffed as dates)", () => {
  it.each(["en", "es"] as const)("shows a changed date as old → new in the reader's format (%s)", async (locale) => {
    const l = await translatorFor(locale);
    const before = { ...emptyContent("504"), meetingDate: "2026-10-15", reviewDate: "" };
    const after = { ...before, meetingDate: "2026-11-03", reviewDate: "2027-10-15", impairment: "ADHD" };
    const html = text(renderToStaticMarkup(<DiffBody diff={diffPlanContent(before, after)} l={l} />));
    expect(html).toContain(`${l.formatDate("2026-10-15")} → ${l.t("plans.diff.after")}: ${l.formatDate("2026-11-03")}`);
    expect(html).toContain(`— → ${l.t("plans.diff.after")}: ${l.formatDate("2027-10-15")}`);
    expect(html).toContain("ADHD");
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
