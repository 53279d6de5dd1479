import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

export interface NavItem {
  href: string;
  label: string;
}

export async function PortalHeader({
  districtName,
  userName,
  roleLabel,
  nav,
  signOut,
}: {
  districtName: string;
  userName: string;
  roleLabel: string;
  nav: NavItem[];
  signOut: ReactNode;
}) {
  const t = await getTranslations();
  return (
    <header className="no-print bg-brand-800 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <div>
          <Link href="/" className="text-lg font-bold">
            {t("app.name")}
          </Link>
          <p className="text-sm text-brand-100">{districtName}</p>
        </div>
        <nav aria-label={t("nav.main")}>
          <ul className="flex flex-wrap gap-1">
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="rounded-md px-3 py-1.5 text-sm hover:bg-white/10">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex items-center gap-3">
          <p className="text-right text-sm">
            <span className="block font-medium">{userName}</span>
            <span className="block text-brand-100">{roleLabel}</span>
          </p>
          {signOut}
        </div>
      </div>
    </header>
  );
}
