import { getTranslations } from "next-intl/server";
import { messageKey } from "@/lib/i18n/keys";
import { notFound } from "next/navigation";
import { StudentRecordView } from "@/components/student/student-record-view";
import { ActionButton } from "@/components/ui/action-button";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { CreatePlanButton } from "@/components/plans/create-plan-button";
import { CaseTimeline, StudentPlans } from "@/components/plans/student-plans";
import { getStudentCase } from "@/lib/dal/plan-views";
import { getRestrictedGuardianshipContact, getStudentRecord } from "@/lib/dal/students";
import { isAppError } from "@/lib/errors";
import { createPlanAction, setGuardianshipRestrictionAction } from "./actions";
import { ConsentsSection } from "./consents/consents-section";
import { DeadlinesSection } from "./deadlines-section";
import { DueProcessSection } from "./due-process-section";
import { TransitionsSection } from "./transitions-section";
import { ReferralsSection } from "./referrals-section";
import { DecisionRightsSection } from "./decision-rights-section";
import { MeetingsSection } from "./meetings/student-section";

export async function generateMetadata() {
  const t = await getTranslations("student");
  return { title: t("title") };
}

export default async function StudentPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const t = await getTranslations("student");
  let student;
  try {
    student = await getStudentRecord(viewer, id);
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) {
      const contact = await getRestrictedGuardianshipContact(viewer, id);
      if (contact) {
        return (
          <>
            <PageHeader title={t("restrictedTitle")} />
            <Alert tone="warning">
              {contact.phone
                ? t("restrictedContactPhone", { school: contact.schoolName, phone: contact.phone })
                : t("restrictedContact", { school: contact.schoolName })}
            </Alert>
          </>
        );
      }
      notFound();
    }
    throw error;
  }
  const caseData = await getStudentCase(viewer, student.id);
  const tp = await getTranslations("plans");
  const tl = await getTranslations();
  const blocked504 = caseData.createBlocked["504"];
  const createButtons =
    caseData.canCreate.iep || caseData.canCreate["504"] || blocked504 ? (
      <div className="flex flex-wrap gap-2">
        {blocked504 && <p className="text-sm text-slate-700">{tl(messageKey(blocked504))}</p>}
        {caseData.canCreate.iep && (
          <CreatePlanButton studentId={student.id} type="iep" label={tp("startIep")} action={createPlanAction} />
        )}
        {caseData.canCreate["504"] && (
          <CreatePlanButton studentId={student.id} type="504" label={tp("start504")} action={createPlanAction} />
        )}
      </div>
    ) : undefined;
  return (
    <>
      <StudentRecordView
        caseSections={
          <>
            <StudentPlans data={caseData} createButtons={createButtons} />
            <CaseTimeline data={caseData} />
          </>
        }
        student={student}
        guardianActions={
          student.canManageGuardianships
            ? (guardian) => (
                <ActionButton
                  action={setGuardianshipRestrictionAction}
                  input={{ studentId: student.id, guardianshipId: guardian.id, restricted: !guardian.restricted }}
                  label={
                    guardian.restricted
                      ? t("liftRestriction", { name: guardian.name })
                      : t("recordRestriction", { name: guardian.name })
                  }
                  variant={guardian.restricted ? "secondary" : "danger"}
                />
              )
            : undefined
        }
      />
      <MeetingsSection viewer={viewer} studentId={student.id} />
      <DeadlinesSection viewer={viewer} studentId={student.id} />
      <DueProcessSection viewer={viewer} studentId={student.id} />
      <ReferralsSection viewer={viewer} studentId={student.id} />
      <TransitionsSection viewer={viewer} studentId={student.id} />
      <DecisionRightsSection viewer={viewer} studentId={student.id} />
      <ConsentsSection viewer={viewer} studentId={student.id} />
    </>
  );
}
