const ORIGIN = "http://planpath.invalid";

/**
 * A post-sign-in destination: only a same-origin path. The value is parsed as a URL against a
 * placeholder origin (as the browser would resolve it), so tricks such as `/%09/evil.example`,
 * `/\evil.example` or a tab/newline inside `//` cannot leave the site; anything that does not
 * stay on that origin, has control or non-ASCII characters, or points back at sign-in or the API
 * answers "/". Never throws.
 */
export function safeCallbackPath(value: string | null | undefined): string {
  if (typeof value !== "string" || value.length > 2048 || !value.startsWith("/")) return "/";
  // Browsers strip tabs and newlines from URLs and treat "\" as "/": refuse them outright.
  if (/[^\x21-\x7e]/.test(value) || value.includes("\\")) return "/";
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return "/";
  }
  if (/[\x00-\x20\x7f\\]/.test(decoded) || decoded.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== ORIGIN || url.pathname.startsWith("//")) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path === "/sign-in" || path.startsWith("/sign-in?") || path.startsWith("/sign-in/") || path.startsWith("/api/"))
    return "/";
  return path;
}
