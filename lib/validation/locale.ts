import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locale";

export const setLocaleSchema = z.object({ locale: z.enum(LOCALES, { message: "validation.locale" }) });
