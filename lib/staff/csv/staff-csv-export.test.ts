import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { SYSTEM } from "../../identity/caller.ts";
import { ForbiddenError } from "../../errors.ts";
import type { Db } from "../../db/client.ts";
import { asCaller, newStaff } from "../../testing/people.ts";
import { setUpTestDb } from "../../testing/set-up-test-db.ts";
import { ensureRoles } from "../bootstrap.ts";
import { staffCsvFilename, staffCsvStream } from "./staff-csv-export.ts";

let db: Db;
setUpTestDb("each", async (fresh) => {
  db = fresh;
  await ensureRoles(db);
});

async function exportText(q = ""): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of staffCsvStream(db, SYSTEM, q)) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

describe("staff CSV export", () => {
  it("writes the header and one row per person in name order, with a BOM and CRLF lines", async () => {
    const group = await db.subjectGroup.create({ data: { name: "Science", nameKey: "science" } });
    await newStaff(db, { email: "b@school.test", firstName: "Bea", lastName: "Zed", username: "beaz", subjectGroupId: group.id, roles: ["admin", "staff"] });
    await newStaff(db, { email: "a@school.test", firstName: "Al", lastName: "Able", active: false });
    const text = await exportText();
    expect(text.startsWith("\uFEFFemail,first_name,last_name,username,subject_group,roles,active\r\n")).toBe(true);
    expect(parse(text, { bom: true, columns: true })).toEqual([
      { email: "a@school.test", first_name: "Al", last_name: "Able", username: "", subject_group: "", roles: "staff", active: "false" },
      { email: "b@school.test", first_name: "Bea", last_name: "Zed", username: "beaz", subject_group: "Science", roles: "admin;staff", active: "true" },
    ]);
  });

  it("escapes cells a spreadsheet would run as a formula", async () => {
    await newStaff(db, { email: "f@school.test", firstName: "=HYPERLINK(\"http://x\")", lastName: "+1+2" });
    await newStaff(db, { email: "g@school.test", firstName: "-3", lastName: "@SUM(A1)" });
    const rows = parse(await exportText(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.first_name, row.last_name])).toEqual([
      ["'=HYPERLINK(\"http://x\")", "'+1+2"],
      ["'-3", "'@SUM(A1)"],
    ]);
  });

  it("respects the search, and reads past one batch without losing or repeating anyone", async () => {
    const roles = await db.role.findMany({ where: { name: "staff" } });
    await db.user.createMany({
      data: Array.from({ length: 1203 }, (_, index) => ({
        id: `id-${String(index).padStart(5, "0")}`,
        email: `p${index}@bulk.test`,
        firstName: "Same",
        lastName: index % 2 ? "Odd" : "Even",
        searchText: `same ${index % 2 ? "odd" : "even"} p${index}@bulk.test`,
      })),
    });
    expect(roles).toHaveLength(1);
    const all = parse(await exportText(), { bom: true, columns: true }) as { email: string }[];
    expect(all).toHaveLength(1203);
    expect(new Set(all.map((row) => row.email)).size).toBe(1203);
    const odd = parse(await exportText("ODD"), { bom: true, columns: true }) as { last_name: string }[];
    expect(odd).toHaveLength(601);
    expect(odd.every((row) => row.last_name === "Odd")).toBe(true);
    expect(parse(await exportText("100%"), { bom: true, columns: true })).toEqual([]);
  });

  it("is for administrators only, checked before anything is read", async () => {
    const person = await newStaff(db);
    expect(() => staffCsvStream(db, asCaller(person), "")).toThrow(ForbiddenError);
  });

  it("names the file after the day, and the search", () => {
    const day = new Date("2026-12-01T10:00:00Z");
    expect(staffCsvFilename("", day)).toBe("staff-2026-12-01.csv");
    expect(staffCsvFilename("  Modern Languages ", day)).toBe("staff-2026-12-01-modern-languages.csv");
    expect(staffCsvFilename('"; rm -rf /', day)).toBe("staff-2026-12-01-rm-rf.csv");
  });
});
