// Subject groups: the one place they are listed, created, renamed and deleted, for the
// admin screens, the API and the command line alike. Only administrators manage them.
import { recordAudit } from "../audit/audit-log.ts";
import { assertManager, type Caller } from "../identity/caller.ts";
import type { Db } from "../db/client.ts";
import { containsPattern } from "../db/like.ts";
import { isPrismaError, isUniqueViolation } from "../db/errors.ts";
import { inTransaction } from "../db/transactions.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import type { ListQuery } from "../validation/list-query.ts";

import type { SubjectGroupJson } from "./subject-group-json.ts";

export type { SubjectGroupJson };
export type SubjectGroupPage = { subjectGroups: SubjectGroupJson[]; page: number; pageSize: number; total: number };

const NAME_TAKEN = "A subject group with this name already exists.";

const groupSelect = { id: true, name: true, createdAt: true, updatedAt: true, _count: { select: { staff: true } } } as const;

type GroupRow = { id: number; name: string; createdAt: Date; updatedAt: Date; _count: { staff: number } };

function toJson(row: GroupRow): SubjectGroupJson {
  return { id: row.id, name: row.name, staffCount: row._count.staff, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** The name's key: names are unique regardless of case (and of surrounding spaces). */
export const nameKeyOf = (name: string) => name.normalize("NFC").trim().toLowerCase();

export async function listSubjectGroups(db: Db, manager: Caller, { q, page, pageSize }: ListQuery): Promise<SubjectGroupPage> {
  assertManager(manager);
  const skip = (page - 1) * pageSize;
  if (!nameKeyOf(q)) {
    const [total, rows] = await Promise.all([
      db.subjectGroup.count(),
      db.subjectGroup.findMany({ orderBy: [{ nameKey: "asc" }], skip, take: pageSize, select: groupSelect }),
    ]);
    return { subjectGroups: rows.map(toJson), page, pageSize, total };
  }
  // Prisma's `contains` would treat % and _ as wildcards: an escaped LIKE (lib/db/like.ts).
  const pattern = containsPattern(nameKeyOf(q));
  const [counted, matches] = await Promise.all([
    db.$queryRaw<{ total: number | bigint }[]>`SELECT COUNT(*) AS total FROM "subject_groups" WHERE "nameKey" LIKE ${pattern} ESCAPE '\\'`,
    db.$queryRaw<{ id: number | bigint }[]>`SELECT "id" FROM "subject_groups" WHERE "nameKey" LIKE ${pattern} ESCAPE '\\'
      ORDER BY "nameKey" ASC LIMIT ${pageSize} OFFSET ${skip}`,
  ]);
  const ids = matches.map((match) => Number(match.id));
  const rows = ids.length === 0 ? [] : await db.subjectGroup.findMany({ where: { id: { in: ids } }, orderBy: [{ nameKey: "asc" }], select: groupSelect });
  return { subjectGroups: rows.map(toJson), page, pageSize, total: Number(counted[0]?.total ?? 0) };
}

/** Every group, for the Subject group select of the staff form. */
export async function subjectGroupOptions(db: Db, manager: Caller): Promise<{ id: number; name: string }[]> {
  assertManager(manager);
  return db.subjectGroup.findMany({ orderBy: { nameKey: "asc" }, select: { id: true, name: true } });
}

export async function getSubjectGroup(db: Db, manager: Caller, id: number): Promise<SubjectGroupJson> {
  assertManager(manager);
  const row = await db.subjectGroup.findUnique({ where: { id }, select: groupSelect });
  if (!row) throw new NotFoundError("No subject group with that id.");
  return toJson(row);
}

const nameTaken = () => new ConflictError(NAME_TAKEN, { name: [NAME_TAKEN] });

/** Two admins creating the same name at once: the unique index has the last word. */
function nameConflict(error: unknown): never {
  throw isUniqueViolation(error) ? nameTaken() : error;
}

export async function createSubjectGroup(db: Db, manager: Caller, name: string, context: { ip?: string | null } = {}): Promise<SubjectGroupJson> {
  const actor = assertManager(manager);
  try {
    return await inTransaction(db, async (tx) => {
      if (await tx.subjectGroup.findUnique({ where: { nameKey: nameKeyOf(name) }, select: { id: true } })) throw nameTaken();
      const row = await tx.subjectGroup.create({ data: { name, nameKey: nameKeyOf(name) }, select: groupSelect });
      await recordAudit(tx, { action: "subject_group.created", actor, ip: context.ip, details: { id: row.id, name } });
      return toJson(row);
    });
  } catch (error) {
    nameConflict(error);
  }
}

export async function renameSubjectGroup(db: Db, manager: Caller, id: number, name: string, context: { ip?: string | null } = {}): Promise<SubjectGroupJson> {
  const actor = assertManager(manager);
  try {
    return await inTransaction(db, async (tx) => {
      const before = await tx.subjectGroup.findUnique({ where: { id }, select: { name: true } });
      if (!before) throw new NotFoundError("No subject group with that id.");
      const other = await tx.subjectGroup.findUnique({ where: { nameKey: nameKeyOf(name) }, select: { id: true } });
      if (other && other.id !== id) throw nameTaken();
      const row = await tx.subjectGroup.update({ where: { id }, data: { name, nameKey: nameKeyOf(name) }, select: groupSelect });
      if (before.name !== name) await recordAudit(tx, { action: "subject_group.updated", actor, ip: context.ip, details: { id, from: before.name, to: name } });
      return toJson(row);
    });
  } catch (error) {
    nameConflict(error);
  }
}

export function stillHasStaffMessage(name: string, members: number): string {
  return `${name} still has ${members} staff member${members === 1 ? "" : "s"}: move them to another group first.`;
}

/** Refused, with the number, while staff belong to the group: nobody loses their group by accident. */
export async function deleteSubjectGroup(db: Db, manager: Caller, id: number, context: { ip?: string | null } = {}): Promise<void> {
  const actor = assertManager(manager);
  try {
    await inTransaction(db, async (tx) => {
      const row = await tx.subjectGroup.findUnique({ where: { id }, select: groupSelect });
      if (!row) throw new NotFoundError("No subject group with that id.");
      if (row._count.staff > 0) throw new ConflictError(stillHasStaffMessage(row.name, row._count.staff));
      await tx.subjectGroup.delete({ where: { id } });
      await recordAudit(tx, { action: "subject_group.deleted", actor, ip: context.ip, details: { id, name: row.name } });
    });
  } catch (error) {
    // Someone was put in the group while it was being deleted: the foreign key refused.
    if (!isPrismaError(error, "P2003")) throw error;
    const row = await db.subjectGroup.findUnique({ where: { id }, select: groupSelect });
    throw new ConflictError(stillHasStaffMessage(row?.name ?? "This group", row?._count.staff ?? 1));
  }
}
