import "server-only";
import { createHash } from "node:crypto";

/** SHA-256 of a feed token (hex): the only form in which a token is stored. */
export function hashFeedToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
