import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { PortalHeader, type NavItem } from "@/components/portal-header";
import { SignOutButton } from "@/components/sign-out-button";
import { requireViewer } from "@/lib/auth";
import { signOutAction } from "./actions";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const t = await getTranslations();
  const nav: NavItem[] = [{ href: "/", label: t("nav.dashboard") }];
  if (viewer.role !== "parent") nav.push({ href: "/work-queue", label: t("nav.workQueue") });
  for (const assignment of viewer.schoolRoles) {
    if (assignment.role === "principal" || assignment.role === "coordinator_504") {
      nav.push({ href: `/schools/${assignment.schoolId}`, label: t("nav.mySchool") });
    }
  }
  if (viewer.role === "teacher" || viewer.role === "provider")
    nav.push({ href: "/accommodations", label: t("delivery.nav") });
  if (viewer.role !== "parent") nav.push({ href: "/coverage", label: t("delivery.navCoverage") });
  if (viewer.role === "district_admin") {
    nav.push({ href: "/admin/staff", label: t("nav.staff") });
    nav.push(
      { href: "/admin/compliance", label: t("nav.compliance") },
      { href: "/admin/settings", label: t("nav.districtSettings") },
    );
  }
  nav.push({ href: "/settings", label: t("nav.settings") });
  const uniqueNav = nav.filter((item, index) => nav.findIndex((n) => n.href === item.href) === index);
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
        nav={uniqueNav}
        signOut={<SignOutButton action={signOutAction} />}
      />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
