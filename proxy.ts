import { NextResponse, type NextRequest } from "next/server";

/** Request bodies larger than this are refused with 413 (Next.js would answer a server action with 500). */
const MAX_BODY_BYTES = 1024 * 1024;

const PUBLIC_PATHS = [
  "/sign-in",
  "/forgot-password",
  "/reset-password",
  "/api/auth",
  "/api/health",
  "/api/calendar",
  "/icon.svg",
];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function contentSecurityPolicy(nonce: string, dev: boolean, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over HTTPS: on plain HTTP (an intranet deployment) it would send every asset to a port nobody serves.
    ...(https && !dev ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

const ACTION_CONTENT_TYPES = ["text/plain", "multipart/form-data", "application/x-www-form-urlencoded"];

function refuse(status: number, error: string): NextResponse {
  return NextResponse.json({ error }, { status, headers: { "cache-control": "no-store" } });
}

/**
 * Server action requests that Next.js would answer with 500 are refused here with a clear 4xx: a
 * cross-origin POST (403), a body without a declared length (chunked: 411), a content type React
 * never sends (415), and a text body that is not a JSON array of arguments (400).
 */
async function refuseBadAction(request: NextRequest): Promise<NextResponse | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    const host = request.headers.get("x-forwarded-host")?.split(",")[0]!.trim() || request.headers.get("host");
    if (originHost !== host) return refuse(403, "errors.crossOrigin");
  }
  if (!request.headers.has("content-length")) return refuse(411, "errors.lengthRequired");
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!ACTION_CONTENT_TYPES.includes(type)) return refuse(415, "errors.unsupportedBody");
  if (type === "text/plain") {
    let args: unknown;
    try {
      args = JSON.parse(await request.clone().text());
    } catch {
      args = null;
    }
    if (!Array.isArray(args)) return refuse(400, "errors.malformedBody");
  }
  return null;
}

/**
 * Refuses oversized request bodies (413) and malformed or cross-origin server action requests (4xx), sets a per-request CSP nonce (with upgrade-insecure-requests) and HSTS on HTTPS only, and sends page visits without a session cookie
 * to the sign-in page (server actions and other non-GET requests pass, so they can answer
 * UNAUTHENTICATED themselves and the editor can keep the user's text). This is an optimistic check only: every page and action re-authorizes
 * against the database.
 */
export async function proxy(request: NextRequest) {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) {
    return NextResponse.json({ error: "errors.bodyTooLarge" }, { status: 413 });
  }
  const badAction = await refuseBadAction(request);
  if (badAction) return badAction;
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV !== "production";
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const csp = contentSecurityPolicy(nonce, dev, https);
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const isNavigation = request.method === "GET" && !request.headers.has("next-action");

  let response: NextResponse;
  if (!isPublic && !hasSession && isNavigation) {
    const url = request.nextUrl.clone();
    url.pathname = "/sign-in";
    url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|fonts/).*)" }],
};
