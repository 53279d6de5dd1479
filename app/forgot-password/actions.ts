"use server";

import { headers } from "next/headers";
import { defineAction } from "@/lib/actions/define-action";
import { clientIp } from "@/lib/auth/ip";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/validation/auth";

export const requestPasswordResetAction = defineAction(
  forgotPasswordSchema,
  async (_viewer, input) => {
    await requestPasswordReset({ email: input.email, ip: clientIp(await headers()) });
    return { sent: true };
  },
  { public: true },
);

export const resetPasswordAction = defineAction(
  resetPasswordSchema,
  async (_viewer, input) => {
    await resetPassword({ token: input.token, newPassword: input.newPassword, ip: clientIp(await headers()) });
    return { reset: true };
  },
  { public: true },
);
