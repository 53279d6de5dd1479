import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIp, resolveClientIp, trustedProxyCount } from "./ip";

describe("client address", () => {
  it("with no trusted proxy (the default) the socket address is the client, whatever X-Forwarded-For says", () => {
    expect(trustedProxyCount({})).toBe(0);
    for (const spoof of ["203.0.113.7", "198.51.100.1, 10.0.0.1", "", undefined]) {
      expect(resolveClientIp("::ffff:192.0.2.10", spoof, 0)).toBe("192.0.2.10");
    }
  });

  it("behind N trusted proxies takes the hop the first proxy saw, ignoring what the client prepended", () => {
    // client → proxy (appends the client's address) → app; the client forged two hops first.
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, 7.7.7.7, 203.0.113.7", 1)).toBe("203.0.113.7");
    // client → CDN → load balancer → app
    expect(resolveClientIp("10.0.0.3", "6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(resolveClientIp("10.0.0.2", ["6.6.6.6", "203.0.113.7"], 1)).toBe("203.0.113.7");
    // A request that reached the app directly (no hops) falls back to the socket.
    expect(resolveClientIp("192.0.2.10", undefined, 2)).toBe("192.0.2.10");
    expect(trustedProxyCount({ TRUSTED_PROXY_COUNT: "2" })).toBe(2);
    expect(trustedProxyCount({ TRUSTED_PROXY_COUNT: "-1" })).toBe(0);
    expect(trustedProxyCount({ TRUSTED_PROXY_COUNT: "lots" })).toBe(0);
  });

  it("reads only the server-stamped header; a client's X-Forwarded-For or X-Real-IP is never read", () => {
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: "2001:db8::1" }))).toBe("2001:db8::1");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7", "x-real-ip": "203.0.113.8" }))).toBeNull();
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: "<script>" }))).toBeNull();
  });
});
