import { describe, expect, it } from "vitest";
import { defaultComplianceSettings } from "@/lib/compliance";
import { parseDeadlineSettings } from "./settings";

describe("stored deadline settings (districts.settings)", () => {
  it("E16: a stored value beyond its legal bound falls back to the default alone; the district's other choices stay", () => {
    const parsed = parseDeadlineSettings({
      compliance: { meetingNoticeSchoolDays: 1, section504ReviewMonths: 6, retired: 3 },
      workQueue: { escalateAfterSchoolDays: 9, digestWindowSchoolDays: 0 },
    });
    expect(parsed.compliance.meetingNoticeSchoolDays).toBe(defaultComplianceSettings.meetingNoticeSchoolDays);
    expect(parsed.compliance.section504ReviewMonths).toBe(6);
    expect(parsed.workQueue.escalateAfterSchoolDays).toBe(9);
    expect(parsed.workQueue.digestWindowSchoolDays).toBe(5);
  });

  it("valid stored settings are read as saved, and missing groups get the Connecticut defaults", () => {
    expect(parseDeadlineSettings({ compliance: { recordsRequestSchoolDays: 8 } }).compliance).toEqual({
      ...defaultComplianceSettings,
      recordsRequestSchoolDays: 8,
    });
    expect(parseDeadlineSettings({}).compliance).toEqual(defaultComplianceSettings);
  });
});
