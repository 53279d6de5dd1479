"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { signOut } from "@/lib/auth";
import { recordSignOut } from "@/lib/dal/auth-events";

export const signOutAction = defineAction(z.object({}), async (viewer) => {
  await recordSignOut(viewer);
  await signOut({ redirectTo: "/sign-in" });
});
