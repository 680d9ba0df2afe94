import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER } from "./client-ip.ts";
import { prepareIncomingHeaders, responseHeaders, STRICT_TRANSPORT_SECURITY } from "./incoming.ts";

const forged = (): IncomingHttpHeaders => ({
  host: "127.0.0.1:3000",
  "x-forwarded-for": "198.51.100.9",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-port": "443",
  forwarded: "host=evil.example",
  [CLIENT_IP_HEADER]: "6.6.6.6",
});

describe("prepareIncomingHeaders", () => {
  it("with no trusted proxy, drops the forwarded host and protocol and uses the socket address", () => {
    const headers = forged();
    prepareIncomingHeaders(headers, "203.0.113.7", 0);
    expect(headers[CLIENT_IP_HEADER]).toBe("203.0.113.7");
    for (const name of ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"]) expect(headers[name], name).toBeUndefined();
    expect(headers.host).toBe("127.0.0.1:3000");
  });

  it("with a trusted proxy, keeps them and takes the proxy's address", () => {
    const headers = forged();
    prepareIncomingHeaders(headers, "10.0.0.2", 1);
    expect(headers[CLIENT_IP_HEADER]).toBe("198.51.100.9");
    expect(headers["x-forwarded-host"]).toBe("evil.example");
    expect(headers["x-forwarded-proto"]).toBe("https");
  });
});

describe("responseHeaders", () => {
  it("sends HSTS for a year with subdomains over https, and nothing over http", () => {
    expect(responseHeaders({ https: true })).toEqual({ "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY });
    expect(STRICT_TRANSPORT_SECURITY).toBe("max-age=31536000; includeSubDomains");
    expect(responseHeaders({ https: false })).toEqual({});
  });
});
