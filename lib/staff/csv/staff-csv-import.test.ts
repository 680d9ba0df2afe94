import { describe, expect, it } from "vitest";
import { SYSTEM } from "../../identity/caller.ts";
import type { Db } from "../../db/client.ts";
import { ForbiddenError } from "../../errors.ts";
import { asCaller, newAdmin, newStaff } from "../../testing/people.ts";
import { setUpTestDb } from "../../testing/set-up-test-db.ts";
import { ensureRoles } from "../bootstrap.ts";
import { importStaffCsv, planStaffCsv } from "./staff-csv-import.ts";
import { CSV_MAX_ROWS, detectDelimiter, parseStaffCsv } from "./staff-csv-parse.ts";

let db: Db;
setUpTestDb("each", async (fresh) => {
  db = fresh;
  await ensureRoles(db);
});

const file = (text: string) => new TextEncoder().encode(text);
const plan = async (text: string) => {
  const result = await planStaffCsv(db, SYSTEM, file(text));
  if (!result.ok) throw new Error(result.message);
  return result;
};

describe("reading the file", () => {
  it("takes UTF-8 with or without a BOM, ',' or ';', the header in any order and case", () => {
    const comma = parseStaffCsv(file("email,first_name,last_name\nzoe@school.test,Zoë,Ünal\n"));
    const semicolon = parseStaffCsv(file("\uFEFFLast_Name;EMAIL;first_name\r\nÜnal;zoe@school.test;Zoë\r\n"));
    for (const parsed of [comma, semicolon]) {
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.rows).toEqual([{ line: 2, cells: expect.objectContaining({ email: "zoe@school.test", first_name: "Zoë", last_name: "Ünal" }) }]);
    }
    expect(detectDelimiter('email;roles\n"a@b.test";"admin,staff"')).toBe(";");
    expect(detectDelimiter('email,roles\n"a@b.test","admin;staff"')).toBe(",");
  });

  it("says what is wrong with a file as a whole", () => {
    const message = (bytes: Uint8Array) => {
      const parsed = parseStaffCsv(bytes);
      return parsed.ok ? "ok" : parsed.message;
    };
    expect(message(file(""))).toMatch(/empty/);
    expect(message(file("first_name,last_name\nA,B\n"))).toBe("The header row needs an email column.");
    expect(message(file("email,phone\na@b.test,1\n"))).toMatch(/Unknown column “phone”/);
    expect(message(file("email,email\na@b.test,a@b.test\n"))).toMatch(/appears twice/);
    expect(message(file('email,first_name\n"a@b.test,A\n'))).toMatch(/never closed/);
    expect(message(file("email,first_name\na@b.test,A,extra\n"))).toMatch(/different number of cells.*line 2/);
    expect(message(new Uint8Array([0x65, 0x6d, 0xff, 0xfe]))).toMatch(/not UTF-8/);
    expect(message(new Uint8Array(2 * 1024 * 1024 + 1).fill(0x61))).toMatch(/larger than 2 MB/);
    const rows = Array.from({ length: CSV_MAX_ROWS + 1 }, (_, index) => `p${index}@bulk.test,P,Q`).join("\n");
    expect(message(file(`email,first_name,last_name\n${rows}\n`))).toMatch(/more than 5,000 rows/);
    expect(message(file(`email,first_name,last_name\n${rows.split("\n").slice(0, CSV_MAX_ROWS).join("\n")}\n`))).toBe("ok");
  });
});

describe("the plan of each row", () => {
  it("create, update, unchanged, error: with the changed columns and the reasons", async () => {
    const group = await db.subjectGroup.create({ data: { name: "Science", nameKey: "science" } });
    await newStaff(db, { email: "same@school.test", firstName: "Sam", lastName: "Same", subjectGroupId: group.id, roles: ["staff"] });
    await newStaff(db, { email: "edit@school.test", firstName: "Ed", lastName: "Old", roles: ["staff"] });
    await newStaff(db, { email: "taken@school.test", username: "taken" });
    const result = await plan(
      [
        "email,first_name,last_name,username,subject_group,roles,active",
        "new@school.test,Nia,New,nia1,Art,staff;admin,yes",
        "SAME@school.test,Sam,Same,,science,staff,true",
        "edit@school.test,,New,,,admin;staff,false",
        "bad-email,A,B,,,,",
        "nameless@school.test,,,,,,",
        "clash@school.test,C,D,TAKEN,,,",
        "role@school.test,R,S,,,wizard,",
        "new@school.test,Nia,Again,,,,",
        "flag@school.test,F,G,,,,maybe",
      ].join("\n"),
    );
    expect(result.rows).toEqual([
      { line: 2, email: "new@school.test", action: "create" },
      { line: 3, email: "same@school.test", action: "unchanged" },
      { line: 4, email: "edit@school.test", action: "update", changes: ["last_name", "roles", "active"] },
      { line: 5, email: "bad-email", action: "error", reason: "email: Enter a valid email address, like name@school.org." },
      { line: 6, email: "nameless@school.test", action: "error", reason: "first_name: Enter a first name. last_name: Enter a last name." },
      { line: 7, email: "clash@school.test", action: "error", reason: "username: Another account already uses this username." },
      { line: 8, email: "role@school.test", action: "error", reason: "roles: Unknown role: wizard." },
      { line: 9, email: "new@school.test", action: "error", reason: "email: This address is also on line 2." },
      { line: 10, email: "flag@school.test", action: "error", reason: "active: Use true or false." },
    ]);
    expect(result.counts).toEqual({ create: 1, update: 1, unchanged: 1, error: 6 });
    expect(result.subjectGroupsToCreate).toEqual(["Art"]);
  });

  it("uses the staff form's rules for names and usernames", async () => {
    const result = await plan(`email,first_name,last_name,username\nx@school.test,${"a".repeat(61)},B,ab\n`);
    expect(result.rows[0]!.reason).toBe("first_name: Use at most 60 characters. username: Use 3 to 32 letters (A–Z) and digits only.");
  });

  it("refuses to take away the last active administrator", async () => {
    await newAdmin(db, { email: "boss@school.test" });
    const result = await plan("email,roles\nboss@school.test,staff\n");
    expect(result.rows[0]).toMatchObject({ action: "error", reason: expect.stringMatching(/no active administrator/) });
    const handover = await plan("email,first_name,last_name,roles\nboss@school.test,,,staff\nnext@school.test,Nex,Tone,admin;staff\n");
    expect(handover.counts.error).toBe(0);
  });

  it("is for administrators only", async () => {
    const person = await newStaff(db);
    await expect(planStaffCsv(db, asCaller(person), file("email\na@b.test\n"))).rejects.toThrow(ForbiddenError);
  });
});

describe("importing", () => {
  it("applies nothing while any row has an error", async () => {
    const result = await importStaffCsv(db, SYSTEM, file("email,first_name,last_name,subject_group\nok@school.test,O,K,Art\nbroken,B,R,\n"));
    expect(result.applied).toBe(false);
    expect(await db.user.count()).toBe(0);
    expect(await db.subjectGroup.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it("applies everything in one go: people created (to be invited), updated, groups made, all audited", async () => {
    const admin = await newAdmin(db, { email: "boss@school.test" });
    await newStaff(db, { email: "edit@school.test", firstName: "Ed", lastName: "Old" });
    const invited: string[] = [];
    const result = await importStaffCsv(
      db,
      asCaller(admin),
      file("email;first_name;last_name;subject_group;roles\nnew@school.test;Nia;New;Art;\"admin;staff\"\nedit@school.test;;New;art;\n"),
      { ip: "192.0.2.7", invite: async (people) => void invited.push(...people.map((person) => person.email)) },
    );
    expect(result.applied).toBe(true);
    expect(invited).toEqual(["new@school.test"]);
    const nia = await db.user.findUniqueOrThrow({ where: { email: "new@school.test" }, include: { roles: true, subjectGroup: true, password: true } });
    expect(nia).toMatchObject({ firstName: "Nia", lastName: "New", active: true, subjectGroup: { name: "Art" }, password: null });
    expect(nia.roles.map((role) => role.name).sort()).toEqual(["admin", "staff"]);
    expect(nia.searchText).toContain("nia new new@school.test");
    const ed = await db.user.findUniqueOrThrow({ where: { email: "edit@school.test" }, include: { subjectGroup: true } });
    expect(ed).toMatchObject({ firstName: "Ed", lastName: "New", subjectGroup: { name: "Art" } });
    const actions = (await db.auditEvent.findMany({ where: { actorId: admin.id }, orderBy: { id: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(["subject_group.created", "staff.created", "staff.updated", "staff.csv_imported"]);

    const again = await importStaffCsv(db, SYSTEM, file("email;first_name;last_name;subject_group;roles\nnew@school.test;Nia;New;Art;\"admin;staff\"\nedit@school.test;;New;art;\n"));
    expect(again.applied && again.plan.counts).toEqual({ create: 0, update: 0, unchanged: 2, error: 0 });
  });

  it("an exported file imports back unchanged", async () => {
    const { staffCsvStream } = await import("./staff-csv-export.ts");
    const group = await db.subjectGroup.create({ data: { name: "Science", nameKey: "science" } });
    await newAdmin(db, { email: "a@school.test", username: "alpha", subjectGroupId: group.id });
    await newStaff(db, { email: "b@school.test", firstName: "=B", active: false });
    const chunks: Buffer[] = [];
    for await (const chunk of staffCsvStream(db, SYSTEM)) chunks.push(Buffer.from(chunk as Buffer));
    const result = await plan(Buffer.concat(chunks).toString("utf8"));
    expect(result.counts).toEqual({ create: 0, update: 0, unchanged: 2, error: 0 });
  });
});
