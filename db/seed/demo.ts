import { count } from "drizzle-orm";
import type { Database } from "../client";
import {
  calendarDays,
  reportCardDates,
  caseloads,
  districts,
  guardianships,
  schools,
  schoolYears,
  sectionEnrollments,
  sections,
  sectionTeachers,
  staffAssignments,
  students,
  users,
} from "../schema";
import { addDays, connecticutSchoolYear, iso, schoolYearStartFor } from "./calendar";
import { createSchoolCalendar } from "@/lib/compliance/school-calendar";
import { seedBanks } from "./banks";
import { seedDelivery } from "./delivery";
import { seedServiceSessions } from "./services";
import { seedDeadlines } from "./deadlines";
import { seedId } from "./ids";
import { seedPlans } from "./plans";
import { seedReferrals } from "./referrals";
import { seedProgress } from "./progress";
import type { StoryContext } from "./story";
import { loadSchoolCalendars } from "@/lib/dal/internal/calendars";
import { DEMO_DOMAIN, PERSONAS, type PersonaKey } from "./personas";
import { refreshAllSummaries } from "@/lib/dal/internal/coverage";
import { refreshAllDeadlineSummaries } from "@/lib/dal/internal/deadline-summaries";

export const DEMO_DISTRICT_SLUG = "riverbend";
/** A grade-5 student whose reading-intervention enrollment (Grace Liu's section) ended two weeks ago. */
export const ENDED_ENROLLMENT_STUDENT = "s26";

/**
 * Maya Johnson (grade 11, Riverbend High), Keisha Johnson's daughter: a 504 plan in force and no case
 * manager. The end-to-end 504 → IEP walkthrough (e2e/referral-flow.spec.ts) refers her; her schedule is
 * not in the demo, so no teacher's acknowledgment or log counts change.
 */
export const MAYA = "maya-johnson";

/**
 * Andre Johnson (grade 9, Riverbend High), Keisha Johnson's son: an IEP in force on Tom Kowalski's caseload
 * and her consent to special education on file. The end-to-end revocation (e2e/exit-flows.spec.ts) starts
 * from him; like Maya he is in no class, so no roster, acknowledgment or log counts change.
 */
export const ANDRE = "t-revoke-portal";

/**
 * Students the end-to-end flows change from the start (Maya: referral-flow; Andre and Ines: exit-flows).
 * They are enrolled in no class, so no teacher's roster, acknowledgment or log counts change.
 */
const IN_NO_CLASS: readonly string[] = [MAYA, ANDRE, "t-exit504"];

/** Children whose guardian is a sign-in persona (the other families have no sign-in). */
const FAMILY_PERSONA_CHILDREN = ["mateo-garcia", "sofia-garcia", "diego-garcia", "jaylen-johnson", MAYA, ANDRE];

export const DEMO_IDS = {
  district: seedId("district"),
  maple: seedId("school:maple"),
  high: seedId("school:high"),
  user: (key: PersonaKey) => seedId(`user:${key}`),
  student: (key: string) => seedId(`student:${key}`),
  section: (code: string) => seedId(`section:${code}`),
};

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIRST = [
  "Ava",
  "Liam",
  "Noah",
  "Mia",
  "Elijah",
  "Isabella",
  "Lucas",
  "Amara",
  "Ethan",
  "Zoe",
  "Mateo",
  "Chloe",
  "Aiden",
  "Layla",
  "Jayden",
  "Nora",
  "Caleb",
  "Aaliyah",
  "Owen",
  "Leah",
  "Gabriel",
  "Maya",
  "Daniel",
  "Hannah",
  "Julian",
  "Priya",
  "Samuel",
  "Grace",
  "Diego",
  "Ella",
  "Kai",
  "Fatima",
  "Leo",
  "Camila",
  "Isaac",
  "Naomi",
  "Andre",
  "Lila",
  "Marcus",
  "Sienna",
  "Omar",
  "Ruby",
  "Tyler",
  "Ana",
  "Xavier",
  "Iris",
  "Malik",
  "Valentina",
  "Ryan",
  "Sophie",
  "Jonah",
  "Keira",
  "Adrian",
  "Luna",
  "Dominic",
  "Yara",
  "Felix",
  "Esme",
];
export const LAST = [
  "Rivera",
  "Nguyen",
  "Patel",
  "Kim",
  "Osei",
  "Murphy",
  "Santos",
  "Cohen",
  "Brennan",
  "Haddad",
  "Lopez",
  "Walsh",
  "Dubois",
  "Okeke",
  "Sullivan",
  "Torres",
  "Park",
  "Fitzgerald",
  "Mensah",
  "Rossi",
  "Alvarez",
  "Chen",
  "Baptiste",
  "Kowalczyk",
  "Reid",
  "Ortiz",
  "Hughes",
  "Silva",
  "Ibrahim",
  "Moreau",
];
export const LANGUAGES = ["en", "en", "en", "en", "es", "es", "pt", "en", "ht", "en"];

interface StudentSeed {
  key: string;
  firstName: string;
  lastName: string;
  grade: string;
  schoolId: string;
  birthDate: string;
  sasid: string;
  homeLanguage: string;
  parentLanguage: string;
}

/** ~60 students: 5 per grade K–5 at Maple Street, 7–8 per grade 9–12 at Riverbend High, plus the persona families. */
function buildStudents(schoolYearStart: number): StudentSeed[] {
  const random = rng(20261123);
  const list: StudentSeed[] = [];
  const fixed: Omit<StudentSeed, "birthDate" | "sasid">[] = [
    {
      key: "mateo-garcia",
      firstName: "Mateo",
      lastName: "García",
      grade: "4",
      schoolId: DEMO_IDS.maple,
      homeLanguage: "es",
      parentLanguage: "es",
    },
    {
      key: "sofia-garcia",
      firstName: "Sofía",
      lastName: "García",
      grade: "10",
      schoolId: DEMO_IDS.high,
      homeLanguage: "es",
      parentLanguage: "es",
    },
    {
      key: "jaylen-johnson",
      firstName: "Jaylen",
      lastName: "Johnson",
      grade: "9",
      schoolId: DEMO_IDS.high,
      homeLanguage: "en",
      parentLanguage: "en",
    },
    {
      key: "emma-miller",
      firstName: "Emma",
      lastName: "Miller",
      grade: "3",
      schoolId: DEMO_IDS.maple,
      homeLanguage: "en",
      parentLanguage: "en",
    },
  ];
  const plan: [string, string, number][] = [
    ["K", DEMO_IDS.maple, 5],
    ["1", DEMO_IDS.maple, 5],
    ["2", DEMO_IDS.maple, 5],
    ["3", DEMO_IDS.maple, 5],
    ["4", DEMO_IDS.maple, 5],
    ["5", DEMO_IDS.maple, 4],
    ["9", DEMO_IDS.high, 7],
    ["10", DEMO_IDS.high, 7],
    ["11", DEMO_IDS.high, 7],
    ["12", DEMO_IDS.high, 7],
  ];
  let n = 0;
  for (const [grade, schoolId, count] of plan) {
    for (let i = 0; i < count; i++) {
      const first = FIRST[Math.floor(random() * FIRST.length)]!;
      const last = LAST[Math.floor(random() * LAST.length)]!;
      const language = LANGUAGES[Math.floor(random() * LANGUAGES.length)]!;
      fixed.push({
        key: `s${String(++n).padStart(2, "0")}`,
        firstName: first,
        lastName: last,
        grade,
        schoolId,
        homeLanguage: language,
        parentLanguage: language,
      });
    }
  }
  // Added after the generated students so their birth dates and SASIDs stay as they were.
  fixed.push({
    key: "diego-garcia",
    firstName: "Diego",
    lastName: "García",
    grade: "1",
    schoolId: DEMO_IDS.maple,
    homeLanguage: "es",
    parentLanguage: "es",
  });
  fixed.push({
    key: MAYA,
    firstName: "Maya",
    lastName: "Johnson",
    grade: "11",
    schoolId: DEMO_IDS.high,
    homeLanguage: "en",
    parentLanguage: "en",
  });
  fixed.forEach((s, index) => {
    const gradeNumber = s.grade === "K" ? 0 : Number(s.grade);
    const birthYear = schoolYearStart - gradeNumber - 6 + (index % 3 === 0 ? 1 : 0);
    const month = 1 + ((index * 5) % 12);
    const day = 1 + ((index * 7) % 28);
    const birth = new Date(Date.UTC(birthYear, month - 1, day));
    const adjusted = month >= 9 && index % 3 === 0 ? new Date(Date.UTC(birthYear - 1, month - 1, day)) : birth;
    list.push({ ...s, birthDate: iso(adjusted), sasid: String(1_000_000_000 + index * 7919 + 104_729) });
  });
  return list;
}

/**
 * The students of the exits and age-of-majority stories (issue 12) at Riverbend High, on Tom
 * Kowalski's caseload; birth dates are relative to the seed day so the 18th birthdays fall where
 * the stories need them on any date.
 */
export const TRANSITION_STUDENT_KEYS = [
  "t-iep504",
  "t-revoked",
  "t-diploma",
  "t-turning18",
  "t-adult",
  "t-exit504",
  ANDRE,
] as const;

function transitionStudents(today: string): StudentSeed[] {
  const date = new Date(`${today}T00:00:00Z`);
  const born = (years: number, days: number) => {
    const d = new Date(Date.UTC(date.getUTCFullYear() - years, date.getUTCMonth(), date.getUTCDate()));
    return iso(addDays(d, days));
  };
  const base = { schoolId: DEMO_IDS.high, homeLanguage: "en", parentLanguage: "en" };
  return [
    { ...base, key: "t-iep504", firstName: "Nadia", lastName: "Okafor", grade: "10", birthDate: born(15, -120) },
    { ...base, key: "t-revoked", firstName: "Lucas", lastName: "Bergstrom", grade: "10", birthDate: born(15, -200) },
    { ...base, key: "t-diploma", firstName: "Marisol", lastName: "Vega", grade: "12", birthDate: born(18, -150) },
    { ...base, key: "t-turning18", firstName: "Devon", lastName: "Price", grade: "12", birthDate: born(18, 30) },
    { ...base, key: "t-adult", firstName: "Elena", lastName: "Markovic", grade: "12", birthDate: born(18, -210) },
    // e2e/exit-flows.spec.ts walks her IEP → 504 exit from the start (no spec counts her).
    { ...base, key: "t-exit504", firstName: "Ines", lastName: "Dubois", grade: "10", birthDate: born(15, -60) },
    { ...base, key: ANDRE, firstName: "Andre", lastName: "Johnson", grade: "9", birthDate: born(14, -90) },
  ].map((s, index) => ({ ...s, sasid: String(1_900_000_000 + index * 7919 + 104_729) }));
}

/**
 * Seeds the Riverbend demo district: two schools, calendars for the current and next school
 * year, staff personas, ~60 students with guardians, sections and caseloads. Idempotent: every
 * row has a fixed id and is inserted with ON CONFLICT DO NOTHING, so a second run adds nothing
 * and keeps whatever the demo user changed.
 */
export async function seedDemo(
  db: Database,
  options: { passwordHash: string; today: string },
): Promise<{ students: number; users: number }> {
  const { today } = options;
  const startYear = schoolYearStartFor(today);
  const current = connecticutSchoolYear(startYear);
  const following = connecticutSchoolYear(startYear + 1);
  const todayDate = new Date(`${today}T00:00:00Z`);
  const relationshipStart = current.firstDay <= today ? current.firstDay : today;
  const longAgo = iso(addDays(todayDate, -60)) < relationshipStart ? iso(addDays(todayDate, -60)) : relationshipStart;
  const endedOn = iso(addDays(todayDate, -14));
  const studentSeeds = [...buildStudents(startYear), ...transitionStudents(today)];

  await db.transaction(async (tx) => {
    await tx
      .insert(districts)
      .values({
        id: DEMO_IDS.district,
        name: "Riverbend Public Schools",
        slug: DEMO_DISTRICT_SLUG,
        settings: { timeZone: "America/New_York" },
      })
      .onConflictDoNothing();
    await tx
      .insert(schools)
      .values([
        {
          id: DEMO_IDS.maple,
          districtId: DEMO_IDS.district,
          name: "Maple Street Elementary School",
          code: "MSE",
          level: "elementary",
          phone: "(860) 555-0142",
        },
        {
          id: DEMO_IDS.high,
          districtId: DEMO_IDS.district,
          name: "Riverbend High School",
          code: "RHS",
          level: "high",
          phone: "(860) 555-0190",
        },
      ])
      .onConflictDoNothing();

    // Some of the demo's history happened last school year: its calendar counts those school days.
    const previous = connecticutSchoolYear(startYear - 1);
    for (const schoolId of [DEMO_IDS.maple, DEMO_IDS.high]) {
      for (const year of [previous, current, following]) {
        const yearId = seedId(`year:${schoolId}:${year.label}`);
        await tx
          .insert(schoolYears)
          .values({ id: yearId, schoolId, label: year.label, firstDay: year.firstDay, lastDay: year.lastDay })
          .onConflictDoNothing();
        await tx
          .insert(calendarDays)
          .values(
            year.closures.map((c) => ({
              id: seedId(`closure:${yearId}:${c.date}`),
              schoolYearId: yearId,
              date: c.date,
              kind: "closure" as const,
              reason: c.reason,
            })),
          )
          .onConflictDoNothing();
        await tx
          .insert(reportCardDates)
          .values(
            year.reportCardDates.map((r) => ({
              id: seedId(`report-card:${yearId}:${r.date}`),
              schoolYearId: yearId,
              date: r.date,
              label: r.label,
            })),
          )
          .onConflictDoNothing();
      }
    }

    await tx
      .insert(users)
      .values(
        (Object.entries(PERSONAS) as [PersonaKey, (typeof PERSONAS)[PersonaKey]][]).map(([key, p]) => ({
          id: DEMO_IDS.user(key),
          districtId: DEMO_IDS.district,
          email: p.email,
          name: p.name,
          role: p.role,
          locale: "locale" in p ? p.locale : null,
          passwordHash: options.passwordHash,
        })),
      )
      .onConflictDoNothing();

    const assign = (
      key: PersonaKey,
      schoolId: string,
      role: "principal" | "coordinator_504" | "case_manager" | "teacher" | "provider",
    ) => ({
      id: seedId(`assignment:${key}:${schoolId}:${role}`),
      userId: DEMO_IDS.user(key),
      schoolId,
      role,
      startsOn: longAgo,
    });
    await tx
      .insert(staffAssignments)
      .values([
        assign("principalMaple", DEMO_IDS.maple, "principal"),
        assign("principalHigh", DEMO_IDS.high, "principal"),
        assign("caseManagerMaple", DEMO_IDS.maple, "case_manager"),
        assign("caseManagerHigh", DEMO_IDS.high, "case_manager"),
        assign("teacherMaple3", DEMO_IDS.maple, "teacher"),
        assign("teacherMaple4", DEMO_IDS.maple, "teacher"),
        assign("teacherEnglish", DEMO_IDS.high, "teacher"),
        assign("teacherMath", DEMO_IDS.high, "teacher"),
        assign("provider", DEMO_IDS.maple, "provider"),
        assign("provider", DEMO_IDS.high, "provider"),
        assign("substitute", DEMO_IDS.high, "teacher"),
      ])
      .onConflictDoNothing();

    await tx
      .insert(students)
      .values(
        studentSeeds.map((s) => ({
          id: DEMO_IDS.student(s.key),
          districtId: DEMO_IDS.district,
          schoolId: s.schoolId,
          sasid: s.sasid,
          firstName: s.firstName,
          lastName: s.lastName,
          birthDate: s.birthDate,
          grade: s.grade,
          homeLanguage: s.homeLanguage,
          parentLanguage: s.parentLanguage,
        })),
      )
      .onConflictDoNothing();

    const guardianUsers = studentSeeds
      .filter((s) => !FAMILY_PERSONA_CHILDREN.includes(s.key))
      .map((s) => ({
        id: seedId(`guardian-user:${s.key}`),
        districtId: DEMO_IDS.district,
        email: `family.${s.key}@${DEMO_DOMAIN}`,
        name: s.key === "emma-miller" ? "Karen Miller" : `${s.lastName} family`,
        role: "parent" as const,
        passwordHash: null,
        locale: s.parentLanguage === "es" ? ("es" as const) : null,
      }));
    await tx.insert(users).values(guardianUsers).onConflictDoNothing();
    const guardianRow = (studentKey: string, userId: string, restricted = false) => ({
      id: seedId(`guardianship:${studentKey}:${userId}`),
      studentId: DEMO_IDS.student(studentKey),
      guardianUserId: userId,
      relation: "parent" as const,
      restricted,
      restrictionNote: restricted ? "Court order on file (custody): no access to records" : null,
      // A parent since the child's birth: consents signed years ago were signed with decision rights.
      startsOn: studentSeeds.find((seed) => seed.key === studentKey)!.birthDate,
    });
    await tx
      .insert(guardianships)
      .values([
        guardianRow("mateo-garcia", DEMO_IDS.user("parentGarcia")),
        guardianRow("sofia-garcia", DEMO_IDS.user("parentGarcia")),
        guardianRow("diego-garcia", DEMO_IDS.user("parentGarcia")),
        guardianRow("jaylen-johnson", DEMO_IDS.user("parentJohnson")),
        guardianRow(MAYA, DEMO_IDS.user("parentJohnson")),
        guardianRow(ANDRE, DEMO_IDS.user("parentJohnson")),
        guardianRow("emma-miller", DEMO_IDS.user("parentMiller"), true),
        ...studentSeeds
          .filter((s) => !FAMILY_PERSONA_CHILDREN.includes(s.key))
          .map((s) => guardianRow(s.key, seedId(`guardian-user:${s.key}`))),
      ])
      .onConflictDoNothing();

    const currentYearId = (schoolId: string) => seedId(`year:${schoolId}:${current.label}`);
    const sectionDefs: {
      code: string;
      schoolId: string;
      name: string;
      period: string;
      schedule: string;
      room: string;
      teacher: PersonaKey;
      grades: string[];
    }[] = [
      {
        code: "MSE-G3-104",
        schoolId: DEMO_IDS.maple,
        name: "Grade 3 Homeroom",
        period: "HR",
        schedule: "Mon–Fri 8:45–3:05",
        room: "104",
        teacher: "teacherMaple3",
        grades: ["3"],
      },
      {
        code: "MSE-RDG-INT",
        schoolId: DEMO_IDS.maple,
        name: "Reading Intervention (Grades 2–3)",
        period: "3",
        schedule: "Mon, Wed, Fri 10:15–10:55",
        room: "112",
        teacher: "teacherMaple3",
        grades: ["2"],
      },
      {
        code: "MSE-G4-108",
        schoolId: DEMO_IDS.maple,
        name: "Grade 4 Homeroom",
        period: "HR",
        schedule: "Mon–Fri 8:45–3:05",
        room: "108",
        teacher: "teacherMaple4",
        grades: ["4"],
      },
      {
        code: "MSE-G5-MATH",
        schoolId: DEMO_IDS.maple,
        name: "Grade 5 Mathematics",
        period: "2",
        schedule: "Mon–Fri 9:30–10:30",
        room: "110",
        teacher: "teacherMaple4",
        grades: ["5"],
      },
      {
        code: "RHS-ENG9-P1",
        schoolId: DEMO_IDS.high,
        name: "English 9",
        period: "1",
        schedule: "A/B days 7:30–8:55",
        room: "214",
        teacher: "teacherEnglish",
        grades: ["9"],
      },
      {
        code: "RHS-ENG10-P3",
        schoolId: DEMO_IDS.high,
        name: "English 10",
        period: "3",
        schedule: "A/B days 10:35–12:00",
        room: "214",
        teacher: "teacherEnglish",
        grades: ["10"],
      },
      {
        code: "RHS-ENG11-P5",
        schoolId: DEMO_IDS.high,
        name: "English 11: American Literature",
        period: "5",
        schedule: "A/B days 12:40–2:05",
        room: "216",
        teacher: "teacherEnglish",
        grades: ["11", "12"],
      },
      {
        code: "RHS-ALG1-P2",
        schoolId: DEMO_IDS.high,
        name: "Algebra I",
        period: "2",
        schedule: "A/B days 9:00–10:25",
        room: "305",
        teacher: "teacherMath",
        grades: ["9"],
      },
      {
        code: "RHS-GEOM-P4",
        schoolId: DEMO_IDS.high,
        name: "Geometry",
        period: "4",
        schedule: "A/B days 10:35–12:00",
        room: "305",
        teacher: "teacherMath",
        grades: ["10"],
      },
      {
        code: "RHS-ALG2-P6",
        schoolId: DEMO_IDS.high,
        name: "Algebra II",
        period: "6",
        schedule: "A/B days 12:40–2:05",
        room: "307",
        teacher: "teacherMath",
        grades: ["11", "12"],
      },
    ];
    await tx
      .insert(sections)
      .values(
        sectionDefs.map((d) => ({
          id: DEMO_IDS.section(d.code),
          schoolId: d.schoolId,
          schoolYearId: currentYearId(d.schoolId),
          code: d.code,
          name: d.name,
          period: d.period,
          schedule: d.schedule,
          room: d.room,
        })),
      )
      .onConflictDoNothing();
    await tx
      .insert(sectionTeachers)
      .values(
        sectionDefs.map((d) => ({
          id: seedId(`section-teacher:${d.code}`),
          sectionId: DEMO_IDS.section(d.code),
          userId: DEMO_IDS.user(d.teacher),
          startsOn: longAgo,
        })),
      )
      .onConflictDoNothing();

    const enrollments: { id: string; sectionId: string; studentId: string; startsOn: string; endsOn: string | null }[] =
      [];
    for (const d of sectionDefs) {
      for (const s of studentSeeds.filter(
        (st) => st.schoolId === d.schoolId && d.grades.includes(st.grade) && !IN_NO_CLASS.includes(st.key),
      )) {
        enrollments.push({
          id: seedId(`enrollment:${d.code}:${s.key}`),
          sectionId: DEMO_IDS.section(d.code),
          studentId: DEMO_IDS.student(s.key),
          startsOn: longAgo,
          endsOn: null,
        });
      }
    }
    enrollments.push({
      id: seedId("enrollment:MSE-RDG-INT:emma-miller"),
      sectionId: DEMO_IDS.section("MSE-RDG-INT"),
      studentId: DEMO_IDS.student("emma-miller"),
      startsOn: longAgo,
      endsOn: null,
    });
    enrollments.push({
      id: seedId(`enrollment:MSE-RDG-INT:ended:${ENDED_ENROLLMENT_STUDENT}`),
      sectionId: DEMO_IDS.section("MSE-RDG-INT"),
      studentId: DEMO_IDS.student(ENDED_ENROLLMENT_STUDENT),
      startsOn: longAgo,
      endsOn: endedOn,
    });
    await tx.insert(sectionEnrollments).values(enrollments).onConflictDoNothing();

    const mapleCaseload = [
      "mateo-garcia",
      "emma-miller",
      "diego-garcia",
      ...studentSeeds
        .filter((s) => s.schoolId === DEMO_IDS.maple && /^s/.test(s.key))
        .slice(0, 7)
        .map((s) => s.key),
    ];
    const highCaseload = [
      "sofia-garcia",
      ...studentSeeds
        .filter((s) => s.schoolId === DEMO_IDS.high && /^s/.test(s.key))
        .slice(0, 7)
        .map((s) => s.key),
      ...TRANSITION_STUDENT_KEYS,
    ];
    await tx
      .insert(caseloads)
      .values([
        ...mapleCaseload.map((key) => ({
          id: seedId(`caseload:${key}`),
          caseManagerId: DEMO_IDS.user("caseManagerMaple"),
          studentId: DEMO_IDS.student(key),
          startsOn: longAgo,
        })),
        ...highCaseload.map((key) => ({
          id: seedId(`caseload:${key}`),
          caseManagerId: DEMO_IDS.user("caseManagerHigh"),
          studentId: DEMO_IDS.student(key),
          startsOn: longAgo,
        })),
        {
          id: seedId("caseload:ended:jaylen-johnson"),
          caseManagerId: DEMO_IDS.user("caseManagerHigh"),
          studentId: DEMO_IDS.student("jaylen-johnson"),
          startsOn: longAgo,
          endsOn: endedOn,
        },
      ])
      .onConflictDoNothing();

    await seedBanks(tx, DEMO_IDS.district);
    const calendars = await loadSchoolCalendars(tx, [DEMO_IDS.maple, DEMO_IDS.high]);
    const seedOf = (key: string) => studentSeeds.find((s) => s.key === key)!;
    const personaParent: Record<string, PersonaKey> = {
      "mateo-garcia": "parentGarcia",
      "sofia-garcia": "parentGarcia",
      "diego-garcia": "parentGarcia",
      "jaylen-johnson": "parentJohnson",
      [MAYA]: "parentJohnson",
      [ANDRE]: "parentJohnson",
    };
    const story: StoryContext = {
      tx,
      today,
      districtId: DEMO_IDS.district,
      student: DEMO_IDS.student,
      user: DEMO_IDS.user,
      calendarOf: (key) => calendars.get(seedOf(key).schoolId)!,
      languageOf: (key) => (seedOf(key).parentLanguage === "es" ? "es" : "en"),
      nameOf: (key) => `${seedOf(key).firstName} ${seedOf(key).lastName}`,
      guardianOf: (key) => {
        const persona = personaParent[key];
        const userId = persona ? DEMO_IDS.user(persona) : seedId(`guardian-user:${key}`);
        const name = persona
          ? PERSONAS[persona].name
          : key === "emma-miller"
            ? "Karen Miller"
            : `${seedOf(key).lastName} family`;
        return { guardianshipId: seedId(`guardianship:${key}:${userId}`), userId, name };
      },
    };
    await seedPlans(tx, {
      today,
      story,
      districtId: DEMO_IDS.district,
      studentId: DEMO_IDS.student,
      userId: DEMO_IDS.user,
    });
    await seedReferrals(story);
    const calendar = createSchoolCalendar({
      schoolYears: [current, following],
      closures: [...current.closures, ...following.closures].map((c) => c.date),
      extraDays: [],
    });
    const recentDays = calendar.schoolDaysInRange(iso(addDays(todayDate, -30)), iso(addDays(todayDate, -1))).slice(-10);
    await seedDelivery(tx, {
      schoolDays: recentDays,
      userId: DEMO_IDS.user,
      studentId: DEMO_IDS.student,
      sectionId: DEMO_IDS.section,
    });
    await seedServiceSessions(tx, {
      today,
      userId: DEMO_IDS.user,
      calendars: await loadSchoolCalendars(tx, [DEMO_IDS.maple, DEMO_IDS.high]),
    });
    await seedProgress(tx, {
      today,
      schoolDays: (schoolId) =>
        calendars.get(schoolId)?.schoolDaysInRange(iso(addDays(todayDate, -150)), iso(addDays(todayDate, -1))) ?? [],
      userId: DEMO_IDS.user,
      studentId: DEMO_IDS.student,
    });
  });

  await seedDeadlines(db, { today, ids: DEMO_IDS });
  await refreshAllSummaries(db, { today, districtId: DEMO_IDS.district });
  await refreshAllDeadlineSummaries(db, { today, districtId: DEMO_IDS.district });
  const [studentTotal] = await db.select({ n: count() }).from(students);
  const [userTotal] = await db.select({ n: count() }).from(users);
  return { students: studentTotal?.n ?? 0, users: userTotal?.n ?? 0 };
}
