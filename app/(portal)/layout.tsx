import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { PortalHeader, type NavItem } from "@/components/portal-header";
import { SignOutButton } from "@/components/sign-out-button";
import { requireViewer } from "@/lib/auth";
import { getNavigation } from "@/lib/dal/navigation";
import { signOutAction } from "./actions";

const NAV_LABELS = {
  dashboard: "nav.dashboard",
  workQueue: "nav.workQueue",
  mySchool: "nav.mySchool",
  accommodations: "delivery.nav",
  consents: "consents.nav",
  services: "services.nav",
  goalData: "progress.nav",
  coverage: "delivery.navCoverage",
  staff: "nav.staff",
  compliance: "nav.compliance",
  districtSettings: "nav.districtSettings",
  settings: "nav.settings",
} as const satisfies Record<ReturnType<typeof getNavigation>[number]["key"], string>;

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const t = await getTranslations();
  const nav: NavItem[] = getNavigation(viewer).map((item) => ({ href: item.href, label: t(NAV_LABELS[item.key]) }));
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t("common.skipToContent")}
      </a>
      <PortalHeader
        districtName={viewer.districtName}
        userName={viewer.name}
        roleLabel={t(`roles.${viewer.role}`)}
        nav={nav}
        signOut={<SignOutButton action={signOutAction} />}
      />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
