import { z } from "zod";

/**
 * C0 control characters except tab, line feed and carriage return; DEL; C1 controls; the Unicode
 * non-characters U+FFFE/U+FFFF. PostgreSQL refuses NUL in text outright (a 500 with the value in
 * the error), and the others are invisible in the editor, the PDF and the CSV.
 */
const NON_PRINTING = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;

/** True when `value` has no non-printing control character (tabs and line breaks are fine). */
export function isPrintableText(value: string): boolean {
  return !NON_PRINTING.test(value);
}

/**
 * Every free-text field of every schema starts here instead of `z.string()`: a string with no
 * non-printing control characters (field message `validation.controlCharacter`).
 */
export function text(options?: { message?: string }) {
  return z
    .string(options?.message ? { message: options.message } : undefined)
    .refine(isPrintableText, { message: "validation.controlCharacter" });
}
