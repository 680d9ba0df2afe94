import { describe, expect, it } from "vitest";
import type { Db } from "../db/client.ts";
import { SYSTEM } from "../identity/caller.ts";
import { createSubjectGroup, renameSubjectGroup } from "../subject-groups/subject-group-service.ts";
import { asCaller, newAdmin, newStaff } from "../testing/people.ts";
import { browserSession } from "../testing/session-cookie.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { staffPageInputs } from "./staff-page-inputs.ts";
import { updateStaff } from "./staff-service.ts";

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

const fingerprint = async (cookieHeader: string) => (await staffPageInputs(db, cookieHeader))?.fingerprint;

describe("staffPageInputs", () => {
  it("has a fingerprint for an administrator, and none for anyone else (they get the page's 403, rendered)", async () => {
    const admin = await browserSession(db, (await newAdmin(db)).id);
    expect(await staffPageInputs(db, admin.cookieHeader)).toMatchObject({ key: admin.sessionToken, cookie: admin.cookie, fingerprint: expect.any(String) });
    const member = await browserSession(db, (await newStaff(db)).id);
    expect(await staffPageInputs(db, member.cookieHeader)).toEqual({ key: member.sessionToken, fingerprint: null });
    expect(await staffPageInputs(db, "theme=dark")).toBeNull();
  });

  it("changes with what the first page shows: someone new, someone's group renamed or changed, the administrator's own name", async () => {
    const adminPerson = await newAdmin(db, { lastName: "Aardvark" });
    const { cookieHeader } = await browserSession(db, adminPerson.id);
    const admin = asCaller(adminPerson);
    const group = await createSubjectGroup(db, SYSTEM, "Maths");
    const seen = [await fingerprint(cookieHeader)];
    const person = await newStaff(db, { lastName: "Abbott", subjectGroupId: group.id });
    seen.push(await fingerprint(cookieHeader));
    await renameSubjectGroup(db, SYSTEM, group.id, "Mathematics");
    seen.push(await fingerprint(cookieHeader));
    await updateStaff(db, admin, person.id, { roles: ["staff", "admin"] });
    seen.push(await fingerprint(cookieHeader));
    await db.user.update({ where: { id: adminPerson.id }, data: { firstName: "Augusta" } });
    seen.push(await fingerprint(cookieHeader));
    expect(new Set(seen).size).toBe(seen.length);
    expect(await fingerprint(cookieHeader)).toBe(seen.at(-1));
  });
});
