import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIpFrom, resolveClientIp } from "./client-ip.ts";

describe("resolveClientIp", () => {
  it("uses the socket address when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(resolveClientIp("203.0.113.7", undefined, 0)).toBe("203.0.113.7");
    expect(resolveClientIp("203.0.113.7", "198.51.100.1", 0)).toBe("203.0.113.7");
    expect(resolveClientIp("203.0.113.7", "1.1.1.1, 2.2.2.2", 0)).toBe("203.0.113.7");
  });

  it("with one trusted proxy, takes the address that proxy appended (the rightmost)", () => {
    // The client forged 6.6.6.6; the proxy appended the address it really saw.
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, 198.51.100.9", 1)).toBe("198.51.100.9");
  });

  it("with two trusted proxies, takes the second address from the right", () => {
    expect(resolveClientIp("10.0.0.2", "6.6.6.6, 198.51.100.9, 10.0.0.1", 2)).toBe("198.51.100.9");
  });

  it("tolerates missing spaces and empty entries", () => {
    expect(resolveClientIp("10.0.0.2", "6.6.6.6,198.51.100.9,", 1)).toBe("198.51.100.9");
  });

  it("strips the ::ffff: prefix of IPv4 clients on a dual-stack socket, from either source", () => {
    expect(resolveClientIp("::ffff:192.0.2.4", undefined, 0)).toBe("192.0.2.4");
    expect(resolveClientIp("10.0.0.2", "::ffff:192.0.2.5", 1)).toBe("192.0.2.5");
  });

  it("keeps plain IPv6 addresses", () => {
    expect(resolveClientIp("2001:db8::1", undefined, 0)).toBe("2001:db8::1");
  });

  it("falls back to the socket when there are fewer hops than trusted proxies", () => {
    expect(resolveClientIp("10.0.0.2", "198.51.100.9", 2)).toBe("10.0.0.2");
    expect(resolveClientIp("10.0.0.2", " , ", 1)).toBe("10.0.0.2");
    expect(resolveClientIp("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
  });

  it("takes only a valid IPv4 or IPv6 address from the header, else the socket's", () => {
    for (const junk of ["x".repeat(6000), "not-an-ip", "999.1.1.1", "1.2.3", "evil.example", "<script>", "1.2.3.4 5.6.7.8", "::ffff:evil"]) {
      expect(resolveClientIp("10.0.0.2", `6.6.6.6, ${junk}`, 1), junk.slice(0, 20)).toBe("10.0.0.2");
    }
    expect(resolveClientIp("10.0.0.2", "2001:DB8::7", 1)).toBe("2001:DB8::7");
  });

  it("accepts the port some proxies append, and drops it", () => {
    expect(resolveClientIp("10.0.0.2", "198.51.100.9:51234", 1)).toBe("198.51.100.9");
    expect(resolveClientIp("10.0.0.2", "[2001:db8::1]:443", 1)).toBe("2001:db8::1");
  });

  it("says unknown when there is no socket address", () => {
    expect(resolveClientIp(undefined, undefined, 0)).toBe("unknown");
  });
});

describe("clientIpFrom", () => {
  it("reads the address the server stamped, or says unknown", () => {
    expect(clientIpFrom(new Headers({ [CLIENT_IP_HEADER]: "192.0.2.4" }))).toBe("192.0.2.4");
    expect(clientIpFrom(new Headers())).toBe("unknown");
  });
});
