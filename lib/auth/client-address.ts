import http, { type IncomingMessage } from "node:http";
import { CLIENT_IP_HEADER, resolveClientIp, trustedProxyCount } from "./ip";

const installed = Symbol.for("planpath.clientAddress");

/** Writes the server-derived client address on a raw Node request (overwriting anything sent). */
export function stampClientAddress(request: IncomingMessage, trusted: number): void {
  const ip = resolveClientIp(request.socket?.remoteAddress, request.headers["x-forwarded-for"], trusted);
  if (ip) request.headers[CLIENT_IP_HEADER] = ip;
  else delete request.headers[CLIENT_IP_HEADER];
}

/**
 * Stamps every request the Node HTTP server of this process receives with the client address
 * (see lib/auth/ip.ts) before Next.js sees it, so the socket address survives: Next keeps a
 * client-sent X-Forwarded-For and drops the socket. Runs from instrumentation.ts; idempotent.
 */
export function installClientAddress(env: Record<string, string | undefined> = process.env): void {
  const prototype = http.Server.prototype as unknown as Record<PropertyKey, unknown> & {
    emit: (event: string | symbol, ...args: unknown[]) => boolean;
  };
  if (prototype[installed]) return;
  const trusted = trustedProxyCount(env);
  const emit = prototype.emit;
  prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request" && args[0]) stampClientAddress(args[0] as IncomingMessage, trusted);
    return emit.call(this, event, ...args);
  };
  prototype[installed] = true;
}
