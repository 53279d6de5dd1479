import type consents from "./messages/en/consents.json";
import type core from "./messages/en/core.json";
import type deadlines from "./messages/en/deadlines.json";
import type delivery from "./messages/en/delivery.json";
import type lifecycle from "./messages/en/lifecycle.json";
import type meetings from "./messages/en/meetings.json";
import type plans from "./messages/en/plans.json";
import type services from "./messages/en/services.json";
import type progress from "./messages/en/progress.json";
import type progressReports from "./messages/en/progressReports.json";
import type transitions from "./messages/en/transitions.json";
import type referrals from "./messages/en/referrals.json";
import type exits from "./messages/en/exits.json";

/**
 * Registers the message catalogs with next-intl, so every `t("key")` is checked by the compiler
 * (English is the reference; the parity test keeps Spanish aligned).
 */
declare module "next-intl" {
  interface AppConfig {
    Locale: "en" | "es";
    Messages: typeof core &
      typeof plans &
      typeof delivery &
      typeof deadlines &
      typeof lifecycle &
      typeof consents &
      typeof meetings &
      typeof services &
      typeof progress &
      typeof progressReports &
      typeof transitions &
      typeof referrals &
      typeof exits;
  }
}
