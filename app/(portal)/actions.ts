"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { signOut } from "@/lib/auth";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/config";
import { revokeSession } from "@/lib/dal/auth-events";

export const signOutAction = defineAction(z.object({}), async (viewer) => {
  await revokeSession(viewer, SESSION_MAX_AGE_SECONDS);
  await signOut({ redirectTo: "/sign-in" });
});
