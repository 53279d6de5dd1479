import { describe, expect, it } from "vitest";
import { createSchoolCalendar } from "@/lib/compliance";
import { familyLanguage, isShortNotice, missingRequiredRoles, pwnImplementationDate } from "./rules";

// December 2026: Mon 7 … Fri 11, Mon 14 … Fri 18 (Wed 16 closed), Mon 21, Tue 22 (last day before break).
const calendar = createSchoolCalendar({
  schoolYears: [{ firstDay: "2026-08-31", lastDay: "2026-12-22" }],
  closures: ["2026-12-16"],
});

describe("D-05: the implementation date of a prior written notice", () => {
  it("D-05: without an agreed date it is the 10th school day after the notice, skipping weekends and closures", () => {
    // From Fri 4 Dec: 7 8 9 10 11 | 14 15 (16 closed) 17 18 | 21 → the 10th school day is Mon 21 Dec.
    expect(pwnImplementationDate(calendar, "2026-12-04", null, 10)).toBe("2026-12-21");
  });

  it("D-05: a notice given on a Saturday counts from the next school day", () => {
    expect(pwnImplementationDate(calendar, "2026-12-05", null, 10)).toBe("2026-12-21");
  });

  it("D-05: a date agreed with the parent wins, even an earlier one", () => {
    expect(pwnImplementationDate(calendar, "2026-12-04", "2026-12-07", 10)).toBe("2026-12-07");
  });

  it("D-05: null when the calendar ends before the 10th school day (no school year loaded)", () => {
    expect(pwnImplementationDate(calendar, "2026-12-14", null, 10)).toBeNull();
  });
});

describe("D-06: meeting notice at least N school days before", () => {
  it("D-06: a notice sent on the 5th school day before the meeting is on time; one day later is short", () => {
    // Meeting Fri 11 Dec: 5 school days before is Fri 4 Dec.
    expect(isShortNotice(calendar, "2026-12-04", "2026-12-11", 5)).toBe(false);
    expect(isShortNotice(calendar, "2026-12-07", "2026-12-11", 5)).toBe(true);
  });

  it("D-06: the closure is not a school day of notice", () => {
    // Meeting Mon 21 Dec: back 5 school days = 18 17 15 14 11 → notice by Fri 11 Dec.
    expect(isShortNotice(calendar, "2026-12-11", "2026-12-21", 5)).toBe(false);
    expect(isShortNotice(calendar, "2026-12-14", "2026-12-21", 5)).toBe(true);
  });
});

describe("300.321: required PPT members, C-06 excusals", () => {
  const present = (role: string) => ({ role, attended: true, excused: false, excusalGranted: false });

  it("300.321: every required role attended → nothing missing; one person may fill two roles (two rows)", () => {
    expect(
      missingRequiredRoles([
        present("parent"),
        present("general_education_teacher"),
        present("special_education_teacher"),
        present("evaluation_interpreter"),
        present("district_representative"),
      ]),
    ).toEqual([]);
  });

  it("300.321: lists each missing role; an absent member without excusal does not count", () => {
    expect(
      missingRequiredRoles([
        present("parent"),
        { role: "general_education_teacher", attended: false, excused: false, excusalGranted: false },
        present("special_education_teacher"),
      ]),
    ).toEqual(["general_education_teacher", "district_representative", "evaluation_interpreter"]);
  });

  it("C-06: an excused member counts only with a granted excusal; a parent is never excused", () => {
    const base = [
      present("special_education_teacher"),
      present("district_representative"),
      present("evaluation_interpreter"),
    ];
    expect(
      missingRequiredRoles([
        ...base,
        present("parent"),
        { role: "general_education_teacher", attended: false, excused: true, excusalGranted: true },
      ]),
    ).toEqual([]);
    expect(
      missingRequiredRoles([
        ...base,
        present("parent"),
        { role: "general_education_teacher", attended: false, excused: true, excusalGranted: false },
      ]),
    ).toEqual(["general_education_teacher"]);
    expect(
      missingRequiredRoles([
        ...base,
        present("general_education_teacher"),
        { role: "parent", attended: false, excused: true, excusalGranted: true },
      ]),
    ).toEqual(["parent"]);
  });
});

describe("N-02: notices in the family's language", () => {
  it("Spanish when the parent language is Spanish, else English", () => {
    expect(familyLanguage("es")).toBe("es");
    expect(familyLanguage("pt")).toBe("en");
  });
});
