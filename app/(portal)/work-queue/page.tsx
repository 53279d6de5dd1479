import { getTranslations } from "next-intl/server";
import { WorkQueueList } from "@/components/deadlines/work-queue-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth";
import { orNotFound } from "@/lib/http/not-found";
import { listWorkQueue } from "@/lib/dal/work-queue";

export async function generateMetadata() {
  const t = await getTranslations("workQueue");
  return { title: t("title") };
}

export default async function WorkQueuePage() {
  const viewer = await requireViewer();
  const t = await getTranslations("workQueue");
  const queue = await orNotFound(listWorkQueue(viewer));
  return (
    <>
      <PageHeader title={t("title")} subtitle={viewer.role === "parent" ? undefined : t(`subtitle.${viewer.role}`)} />
      <WorkQueueList queue={queue} />
    </>
  );
}
