import { describe, expect, it } from "vitest";
import { CHART_DAYS, countByDay } from "./security-overview.ts";

describe("countByDay", () => {
  it("gives 30 UTC days, oldest first, today last, with zeros for quiet days and nothing older", () => {
    const now = Date.parse("2026-12-02T10:00:00Z");
    const days = countByDay(
      [
        { action: "login.succeeded", createdAt: new Date("2026-12-02T00:00:01Z") },
        { action: "login.failed", createdAt: new Date("2026-12-02T09:00:00Z") },
        { action: "login.failed", createdAt: new Date("2026-12-01T23:59:59Z") },
        { action: "login.failed", createdAt: new Date("2026-11-03T00:00:00Z") },
        { action: "login.failed", createdAt: new Date("2026-11-02T23:59:59Z") },
      ],
      now,
    );
    expect(days).toHaveLength(CHART_DAYS);
    expect(days[0]).toEqual({ day: "2026-11-03", failed: 1, succeeded: 0 });
    expect(days.at(-1)).toEqual({ day: "2026-12-02", failed: 1, succeeded: 1 });
    expect(days.at(-2)).toEqual({ day: "2026-12-01", failed: 1, succeeded: 0 });
    expect(days.slice(1, -2).every((day) => day.failed === 0 && day.succeeded === 0)).toBe(true);
  });
});
