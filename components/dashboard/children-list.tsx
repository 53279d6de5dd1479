import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ChildSummary } from "@/lib/dto/students";
import { Alert } from "../ui/alert";
import { Card } from "../ui/card";

export async function ChildrenList({ items }: { items: ChildSummary[] }) {
  const t = await getTranslations("dashboard");
  const ts = await getTranslations("student");
  const visible = items.filter((c) => !c.restricted);
  const restricted = items.filter((c) => c.restricted);
  return (
    <Card title={t("childrenTitle")} titleId="children-title">
      {restricted.map((child, index) => (
        <div key={index} className="mb-4">
          <Alert tone="warning">
            {child.contact?.phone
              ? ts("restrictedContactPhone", { school: child.contact.schoolName, phone: child.contact.phone })
              : ts("restrictedContact", { school: child.contact?.schoolName ?? "" })}
          </Alert>
        </div>
      ))}
      {restricted.length > 0 && visible.length === 0 ? null : visible.length === 0 ? (
        <p className="text-slate-600">{t("childrenEmpty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {visible.map((child) => (
            <li key={child.id} className="py-3">
              <Link
                href={`/students/${child.id}`}
                className="text-lg font-medium text-brand-700 underline-offset-2 hover:underline"
              >
                {child.name}
              </Link>
              <p className="text-sm text-slate-600">
                {t("childMeta", { grade: child.grade ?? "", school: child.schoolName ?? "" })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
