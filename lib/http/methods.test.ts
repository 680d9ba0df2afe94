import { describe, expect, it } from "vitest";
import { refuseMethod } from "./methods.ts";

describe("refuseMethod", () => {
  it("lets pages have GET, HEAD and POST, and answers anything else 405 with Allow", () => {
    for (const method of ["GET", "HEAD", "POST", "get"]) expect(refuseMethod(method, "/login"), method).toBeNull();
    for (const method of ["TRACE", "PROPFIND", "PUT", "DELETE", "OPTIONS", "FOO"]) {
      expect(refuseMethod(method, "/admin/staff"), method).toEqual({ status: 405, allow: "GET, HEAD, POST", json: false });
    }
  });

  it("leaves the API's methods to its routes, but refuses TRACE and unknown methods there too", () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) expect(refuseMethod(method, "/api/v1/todos"), method).toBeNull();
    for (const method of ["TRACE", "TRACK", "CONNECT", "PROPFIND"]) expect(refuseMethod(method, "/api/v1/todos")?.json, method).toBe(true);
  });
});
