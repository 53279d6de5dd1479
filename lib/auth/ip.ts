/**
 * The client's address for throttling and audit: the first `X-Forwarded-For` hop (set by Next's
 * server and by the reverse proxy in front of it), else `X-Real-IP`. Invalid values are dropped.
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const candidate = forwarded || headers.get("x-real-ip")?.trim() || null;
  if (!candidate) return null;
  const cleaned = candidate.replace(/^::ffff:/, "");
  return /^[0-9a-fA-F:.]{2,45}$/.test(cleaned) ? cleaned : null;
}
