import { z } from "zod";
import { text } from "./text";

export const signInSchema = z.object({
  email: z
    .string({ message: "validation.emailRequired" })
    .trim()
    .min(1, { message: "validation.emailRequired" })
    .max(254, { message: "validation.emailInvalid" })
    .pipe(z.email({ message: "validation.emailInvalid" })),
  password: z
    .string({ message: "validation.passwordRequired" })
    .min(1, { message: "validation.passwordRequired" })
    .max(1024, { message: "validation.passwordTooLong" }),
  callbackUrl: text().max(2048).optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;
