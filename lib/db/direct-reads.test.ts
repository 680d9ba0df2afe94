import { describe, expect, it } from "vitest";
import { asBoolean, asIsoTime, asTime, postgresTimestampToIso } from "./direct-reads.ts";

describe("values read straight from the driver", () => {
  it("turns every stored timestamp form into the API's ISO string in UTC", () => {
    expect(asIsoTime("2026-11-23T15:03:27.173+00:00")).toBe("2026-11-23T15:03:27.173Z");
    expect(asIsoTime("2026-11-23 15:03:27")).toBe("2026-11-23T15:03:27.000Z");
    expect(asIsoTime("2026-11-23T17:03:27.173+02:00")).toBe("2026-11-23T15:03:27.173Z");
    expect(asIsoTime(new Date("2026-11-23T15:03:27.173Z"))).toBe("2026-11-23T15:03:27.173Z");
    expect(asIsoTime(Date.UTC(2026, 10, 23, 15, 3, 27, 173))).toBe("2026-11-23T15:03:27.173Z");
    expect(asIsoTime("2026-11-23T15:03:27.173Z")).toBe("2026-11-23T15:03:27.173Z");
    expect(asTime("2026-11-23T15:03:27.173+00:00")).toBe(Date.UTC(2026, 10, 23, 15, 3, 27, 173));
  });

  it("reads PostgreSQL's timestamp(3) text as UTC, whatever the server's time zone", () => {
    expect(postgresTimestampToIso("2026-11-23 15:03:27.173")).toBe("2026-11-23T15:03:27.173Z");
    expect(postgresTimestampToIso("2026-11-23 15:03:27.17")).toBe("2026-11-23T15:03:27.170Z");
    expect(postgresTimestampToIso("2026-11-23 15:03:27")).toBe("2026-11-23T15:03:27.000Z");
  });

  it("reads SQLite's 0/1 and PostgreSQL's booleans alike", () => {
    expect([asBoolean(1), asBoolean(true), asBoolean(1n)]).toEqual([true, true, true]);
    expect([asBoolean(0), asBoolean(false), asBoolean(null)]).toEqual([false, false, false]);
  });
});
