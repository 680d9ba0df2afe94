import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors.ts";
import { SYSTEM } from "../identity/caller.ts";
import { updateStaff } from "../staff/staff-service.ts";
import { asCaller, newAdmin, newStaff } from "../testing/people.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { subjectGroupSchema } from "../validation/subject-groups.ts";
import {
  createSubjectGroup,
  deleteSubjectGroup,
  getSubjectGroup,
  listSubjectGroups,
  renameSubjectGroup,
  subjectGroupOptions,
} from "./subject-group-service.ts";

const t = setUpTestDb("file");

const admin = () => newAdmin(t.db).then(asCaller);
const unique = (name: string) => `${name} ${Math.random().toString(36).slice(2, 8)}`;

describe("subject groups", () => {
  it("only administrators may list, read, create, rename or delete them", async () => {
    const member = asCaller(await newStaff(t.db));
    const group = await createSubjectGroup(t.db, SYSTEM, unique("Maths"));
    await expect(listSubjectGroups(t.db, member, { q: "", page: 1, pageSize: 10 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(subjectGroupOptions(t.db, member)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getSubjectGroup(t.db, member, group.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createSubjectGroup(t.db, member, unique("Sneaky"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(renameSubjectGroup(t.db, member, group.id, "Renamed")).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteSubjectGroup(t.db, member, group.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getSubjectGroup(t.db, SYSTEM, group.id)).name).toBe(group.name);
  });

  it("names are unique regardless of case, on create and on rename, with the error on the name field", async () => {
    const caller = await admin();
    const name = unique("Science");
    const first = await createSubjectGroup(t.db, caller, name);
    const duplicate = await createSubjectGroup(t.db, caller, name.toUpperCase()).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(ConflictError);
    expect((duplicate as ConflictError).fields).toEqual({ name: ["A subject group with this name already exists."] });

    const other = await createSubjectGroup(t.db, caller, unique("Art"));
    const renamed = await renameSubjectGroup(t.db, caller, other.id, name.toLowerCase()).catch((e: unknown) => e);
    expect(renamed).toBeInstanceOf(ConflictError);
    expect((renamed as ConflictError).fields?.name).toBeDefined();
    // A group may change the case of its own name.
    await expect(renameSubjectGroup(t.db, caller, first.id, name.toUpperCase())).resolves.toMatchObject({ name: name.toUpperCase() });
  });

  it("the form's schema wants 1 to 60 characters, trimmed", () => {
    expect(subjectGroupSchema.safeParse({ name: "  " }).success).toBe(false);
    expect(subjectGroupSchema.safeParse({ name: "x".repeat(61) }).success).toBe(false);
    expect(subjectGroupSchema.parse({ name: `  ${"x".repeat(60)}  ` }).name).toHaveLength(60);
  });

  it("refuses to delete a group that still has staff, saying how many; deletes an empty one", async () => {
    const caller = await admin();
    const group = await createSubjectGroup(t.db, caller, unique("History"));
    const a = await newStaff(t.db, { subjectGroupId: group.id });
    await newStaff(t.db, { subjectGroupId: group.id });

    const refused = await deleteSubjectGroup(t.db, caller, group.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as Error).message).toBe(`${group.name} still has 2 staff members: move them to another group first.`);
    expect((await getSubjectGroup(t.db, caller, group.id)).staffCount).toBe(2);

    await updateStaff(t.db, caller, a.id, { subjectGroupId: null });
    await expect(deleteSubjectGroup(t.db, caller, group.id)).rejects.toThrow("still has 1 staff member:");

    await t.db.user.updateMany({ where: { subjectGroupId: group.id }, data: { subjectGroupId: null } });
    await deleteSubjectGroup(t.db, caller, group.id, { ip: "10.0.0.9" });
    await expect(getSubjectGroup(t.db, caller, group.id)).rejects.toBeInstanceOf(NotFoundError);
    const entry = await t.db.auditEvent.findFirstOrThrow({ where: { action: "subject_group.deleted" }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ actorId: caller.id, ip: "10.0.0.9" });
    expect(JSON.parse(entry.details)).toEqual({ id: group.id, name: group.name });
  });

  it("lists with staff counts, in name order, searching names literally", async () => {
    const caller = await admin();
    const tag = Math.random().toString(36).slice(2, 8);
    const b = await createSubjectGroup(t.db, caller, `B ${tag} 100%`);
    await createSubjectGroup(t.db, caller, `a ${tag} under_score`);
    await newStaff(t.db, { subjectGroupId: b.id });
    const page = await listSubjectGroups(t.db, caller, { q: tag, page: 1, pageSize: 10 });
    expect(page.total).toBe(2);
    expect(page.subjectGroups.map((group) => [group.name, group.staffCount])).toEqual([
      [`a ${tag} under_score`, 0],
      [`B ${tag} 100%`, 1],
    ]);
    expect((await listSubjectGroups(t.db, caller, { q: `${tag} 100%`, page: 1, pageSize: 10 })).total).toBe(1);
    expect((await listSubjectGroups(t.db, caller, { q: "%", page: 1, pageSize: 10 })).subjectGroups.map((g) => g.name)).toEqual([`B ${tag} 100%`]);
    expect((await listSubjectGroups(t.db, caller, { q: `a_${tag}`, page: 1, pageSize: 10 })).total).toBe(0);
    expect((await listSubjectGroups(t.db, caller, { q: "der_sc", page: 1, pageSize: 10 })).total).toBe(1);
    expect((await listSubjectGroups(t.db, caller, { q: tag, page: 2, pageSize: 1 })).subjectGroups.map((g) => g.name)).toEqual([`B ${tag} 100%`]);
  });

  it("records creating, renaming and deleting in the audit log", async () => {
    const caller = await admin();
    const group = await createSubjectGroup(t.db, caller, unique("Geography"));
    await renameSubjectGroup(t.db, caller, group.id, `${group.name} and Travel`);
    await renameSubjectGroup(t.db, caller, group.id, `${group.name} and Travel`); // no change, no entry
    await deleteSubjectGroup(t.db, caller, group.id);
    const entries = await t.db.auditEvent.findMany({ where: { actorId: caller.id }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => entry.action)).toEqual(["subject_group.created", "subject_group.updated", "subject_group.deleted"]);
    expect(JSON.parse(entries[1]!.details)).toEqual({ id: group.id, from: group.name, to: `${group.name} and Travel` });
  });
});
