import type { ReactNode } from "react";

const tones = {
  error: "border-red-300 bg-red-50 text-red-900",
  info: "border-sky-300 bg-sky-50 text-sky-900",
  success: "border-emerald-300 bg-emerald-50 text-emerald-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
} as const;

/** A message box. `live` announces it to screen readers when it appears (errors use role=alert). */
export function Alert({
  tone = "info",
  children,
  live = false,
}: {
  tone?: keyof typeof tones;
  children: ReactNode;
  live?: boolean;
}) {
  const role = live ? (tone === "error" ? "alert" : "status") : undefined;
  return (
    <div role={role} className={`rounded-md border px-4 py-3 text-sm ${tones[tone]}`}>
      {children}
    </div>
  );
}
