"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { recordConsentResponse, recordNoResponse, requestConsent } from "@/lib/dal/consents";
import { AppError, fieldError } from "@/lib/errors";
import {
  MAX_UPLOAD_BYTES,
  recordConsentResponseSchema,
  recordNoResponseSchema,
  requestConsentSchema,
} from "@/lib/validation/consents";

export const requestConsentAction = defineAction(requestConsentSchema, async (viewer, input) => {
  const result = await requestConsent(viewer, input);
  revalidatePath(`/students/${input.studentId}/consents`);
  return result;
});

/** A paper answer, from a form that may carry the scan of the signed paper (`upload`: PDF, PNG or JPEG). */
const recordWithUploadSchema = recordConsentResponseSchema.extend({
  studentId: z.uuid({ message: "validation.invalidId" }),
  upload: z.unknown().optional(),
});

export const recordConsentResponseAction = defineAction(recordWithUploadSchema, async (viewer, input) => {
  const { upload, studentId, ...rest } = input;
  let bytes: Uint8Array | undefined;
  if (upload instanceof File && upload.size > 0) {
    if (upload.size > MAX_UPLOAD_BYTES) throw fieldError("upload", "errors.consent.uploadTooLarge");
    bytes = new Uint8Array(await upload.arrayBuffer());
  } else if (upload !== undefined && !(upload instanceof File) && upload !== "") {
    throw new AppError("VALIDATION", "errors.consent.uploadType");
  }
  const result = await recordConsentResponse(viewer, rest, bytes ? { bytes } : undefined);
  revalidatePath(`/students/${studentId}/consents`);
  return result;
});

export const recordNoResponseAction = defineAction(
  recordNoResponseSchema.extend({ studentId: z.uuid({ message: "validation.invalidId" }) }),
  async (viewer, { studentId, ...input }) => {
    const result = await recordNoResponse(viewer, input);
    revalidatePath(`/students/${studentId}/consents`);
    return result;
  },
);
