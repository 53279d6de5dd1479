import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { WorkQueueList } from "@/components/deadlines/work-queue-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { listWorkQueue } from "@/lib/dal/work-queue";
import { isAppError } from "@/lib/errors";

export async function generateMetadata() {
  const t = await getTranslations("workQueue");
  return { title: t("title") };
}

export default async function WorkQueuePage() {
  const viewer = await requireViewer();
  const t = await getTranslations("workQueue");
  let queue;
  try {
    queue = await listWorkQueue(viewer);
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  return (
    <>
      <PageHeader title={t("title")} subtitle={t(`subtitle.${viewer.role}`)} />
      <WorkQueueList queue={queue} />
    </>
  );
}
