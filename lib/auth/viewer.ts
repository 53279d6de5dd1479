import "server-only";
import { decode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { unsafeLoadViewer, type Viewer } from "@/lib/dal/viewer";
import { auth } from "./config";
import { clientIp } from "./ip";

const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];

/**
 * The session of a cookie this very request set (a server action that signed the browser in again,
 * as a password change does), or undefined. Auth.js's `auth()` reads the cookie header the request
 * arrived with, so the page rendered after such an action would see the old, now-ended session and
 * send the user to sign in (and from there to the dashboard); the cookie store has the new one.
 */
async function sessionSetByThisRequest() {
  const [store, requestHeaders] = await Promise.all([cookies(), headers()]);
  const sent = requestHeaders.get("cookie") ?? "";
  for (const name of SESSION_COOKIES) {
    const value = store.get(name)?.value;
    if (!value || sent.includes(value)) continue;
    const token = await decode({ token: value, secret: process.env.AUTH_SECRET ?? "", salt: name }).catch(() => null);
    if (!token) return undefined;
    return {
      userId: typeof token.sub === "string" ? token.sub : undefined,
      sessionVersion: typeof token.sv === "number" ? token.sv : undefined,
      sessionId: typeof token.sid === "string" ? token.sid : undefined,
    };
  }
  return undefined;
}

/**
 * The signed-in viewer for this request, re-read from the database (role, active flag, session
 * version, school assignments), or null. Deactivated users, bumped session versions and signed-out
 * sessions get null at once, whatever their cookie says. Cached per request.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = (await sessionSetByThisRequest()) ?? (await auth());
  if (!session?.userId || typeof session.sessionVersion !== "number" || !session.sessionId) return null;
  const viewer = await unsafeLoadViewer(session.userId, session.sessionVersion, session.sessionId);
  if (!viewer) return null;
  return { ...viewer, ip: clientIp(await headers()) };
});

/** The viewer, or a redirect to the sign-in page. Every portal page starts with this. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/sign-in");
  return viewer;
}
