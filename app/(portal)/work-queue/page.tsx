import { getTranslations } from "next-intl/server";
import { WorkQueueList } from "@/components/deadlines/work-queue-list";
import { WorkQueuePageView } from "@/components/deadlines/work-queue-page";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { listWorkQueue, listWorkQueuePage } from "@/lib/dal/work-queue";

export async function generateMetadata() {
  const t = await getTranslations("workQueue");
  return { title: t("title") };
}

export default async function WorkQueuePage({
  searchParams,
}: {
  searchParams: Promise<{ after?: string | string[] }>;
}) {
  const viewer = await requireViewer();
  const t = await getTranslations("workQueue");
  const header = (
    <PageHeader title={t("title")} subtitle={viewer.role === "parent" ? undefined : t(`subtitle.${viewer.role}`)} />
  );
  // The district admin's queue is every overdue deadline of the district: paginated with a keyset cursor.
  if (viewer.role === "district_admin") {
    const { after } = await searchParams;
    const page = await orNotFound(listWorkQueuePage(viewer, typeof after === "string" ? after : null));
    return (
      <>
        {header}
        <WorkQueuePageView page={page} />
      </>
    );
  }
  const queue = await orNotFound(listWorkQueue(viewer));
  return (
    <>
      {header}
      <WorkQueueList queue={queue} />
    </>
  );
}
