import type deadlines from "./messages/en/deadlines.json";

/** The id of a deadline rule that has messages (`deadlines.rules.<id>.title`, `.description`). */
export type DeadlineRuleKey = keyof (typeof deadlines)["deadlines"]["rules"];
