/**
 * The client's address for throttling and audit. Only the server sets it: the `x-planpath-client-ip`
 * request header, written on every incoming request by {@link installClientAddress} (lib/auth/
 * client-address.ts, installed at startup) from the socket address and — only behind
 * `TRUSTED_PROXY_COUNT` proxies — the `X-Forwarded-For` hops those proxies added. Whatever a
 * client sends in that header or in `X-Forwarded-For` itself is overwritten. Invalid values are dropped.
 */
export const CLIENT_IP_HEADER = "x-planpath-client-ip";

export function normalizeIp(value: string | null | undefined): string | null {
  const candidate = value?.trim();
  if (!candidate) return null;
  const cleaned = candidate.replace(/^::ffff:/i, "");
  return /^[0-9a-fA-F:.]{2,45}$/.test(cleaned) ? cleaned : null;
}

export function clientIp(headers: Headers): string | null {
  return normalizeIp(headers.get(CLIENT_IP_HEADER));
}

/** `TRUSTED_PROXY_COUNT`: how many reverse proxies in front of the app append to X-Forwarded-For (default 0). */
export function trustedProxyCount(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.TRUSTED_PROXY_COUNT ?? 0);
  return Number.isInteger(value) && value >= 0 && value <= 10 ? value : 0;
}

/**
 * The client's address given the socket's peer and the X-Forwarded-For header it sent. With no
 * trusted proxy the socket address is the client, whatever the header says. Behind `trusted`
 * proxies, each appended the address it received from, so the client is the hop `trusted`
 * positions from the right of [...forwarded hops, socket]; hops further left were written by the
 * client and are ignored. Too few hops means a request that bypassed the proxies: the leftmost
 * address we actually have wins.
 */
export function resolveClientIp(
  socketAddress: string | null | undefined,
  forwardedFor: string | string[] | null | undefined,
  trusted: number,
): string | null {
  if (trusted === 0) return normalizeIp(socketAddress);
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const hops = header
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const chain = [...hops, socketAddress ?? ""];
  return normalizeIp(chain[Math.max(0, chain.length - 1 - trusted)]);
}
