/** A post-sign-in destination: only same-site paths ("/x"), never "//host" or absolute URLs. */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/sign-in") || value.startsWith("/api/")) return "/";
  return value.length > 2048 ? "/" : value;
}
