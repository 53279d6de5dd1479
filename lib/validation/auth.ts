import { z } from "zod";
import { text } from "./text";

export const signInSchema = z.object({
  email: text({ message: "validation.emailRequired" })
    .trim()
    .min(1, { message: "validation.emailRequired" })
    .max(254, { message: "validation.emailInvalid" })
    .pipe(z.email({ message: "validation.emailInvalid" })),
  password: text({ message: "validation.passwordRequired" })
    .min(1, { message: "validation.passwordRequired" })
    .max(1024, { message: "validation.passwordTooLong" }),
  callbackUrl: text().max(2048).optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** A new password: 12 to 1,024 characters (NIST SP 800-63B: length, no composition rules). */
const newPassword = text({ message: "validation.passwordTooShort" })
  .min(12, { message: "validation.passwordTooShort" })
  .max(1024, { message: "validation.passwordTooLong" });

export const forgotPasswordSchema = z.object({ email: signInSchema.shape.email });
export type ForgotPasswordInput = z.infer<typeof forgotPasswordSchema>;

export const resetPasswordSchema = z
  .object({
    token: text({ message: "errors.resetLinkInvalid" }).regex(/^[A-Za-z0-9_-]{43}$/, {
      message: "errors.resetLinkInvalid",
    }),
    newPassword,
    confirmPassword: text({ message: "validation.passwordMismatch" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordMismatch",
  });
export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: signInSchema.shape.password,
    newPassword,
    confirmPassword: text({ message: "validation.passwordMismatch" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordMismatch",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "validation.passwordUnchanged",
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
