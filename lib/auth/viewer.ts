import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { unsafeLoadViewer, type Viewer } from "@/lib/dal/viewer";
import { auth } from "./config";
import { clientIp } from "./ip";

/**
 * The signed-in viewer for this request, re-read from the database (role, active flag, session
 * version, school assignments), or null. Deactivated users, bumped session versions and signed-out
 * sessions get null at once, whatever their cookie says. Cached per request.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
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
