import "server-only";
import { navigationFor, type NavKey } from "@/lib/policy";
import type { Viewer } from "./viewer";

/**
 * The portal navigation for any signed-in viewer: the entries of the policy catalog's
 * `NAVIGATION` that `can()` grants to the viewer's role and current school assignments. No I/O.
 */
export function getNavigation(viewer: Viewer): { key: NavKey; href: string }[] {
  return navigationFor({ role: viewer.role }, viewer.schoolRoles);
}
