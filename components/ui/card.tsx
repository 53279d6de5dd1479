import type { ReactNode } from "react";

export function Card({
  title,
  titleId,
  actions,
  children,
  headingLevel = 2,
}: {
  title?: ReactNode;
  titleId?: string;
  actions?: ReactNode;
  children: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section
      aria-labelledby={title ? titleId : undefined}
      className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      {(title || actions) && (
        <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
          {title && (
            <Heading id={titleId} className="text-lg font-semibold text-slate-900">
              {title}
            </Heading>
          )}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}
