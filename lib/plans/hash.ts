import { createHash } from "node:crypto";

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** A value as canonical JSON text (keys sorted at every level, no spaces): what {@link contentHash} hashes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

/**
 * SHA-256 of a document in canonical JSON (keys sorted at every level): the same content always
 * hashes the same, whatever order its keys were written in. Binds consents and acknowledgments to
 * the exact version they saw.
 */
export function contentHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}
