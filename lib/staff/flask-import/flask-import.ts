// Bringing the people of a Flask seed application into Staffroom (`npm run staff -- import-flask`):
// accounts with their roles, subject groups, login history and password hashes, and the
// shared todo list of flask-todomvc copied to each of them. People already in Staffroom
// (by email) are left exactly as they are, so a second run changes nothing.
import { recordAudit } from "../../audit/audit-log.ts";
import { assertManager, type Caller } from "../../identity/caller.ts";
import { STAFF_ROLE } from "../../identity/current-user.ts";
import { describeLegacyHash, needsApplicationSalt } from "../../auth/legacy/legacy-passwords.ts";
import { legacyPasswordData } from "../../auth/stored-password.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transactions.ts";
import { emailSchema, personNameSchema, usernameSchema } from "../../validation/fields.ts";
import { roleNameSchema } from "../../validation/staff.ts";
import { subjectGroupSchema } from "../../validation/subject-groups.ts";
import { todoTitleSchema } from "../../validation/todos.ts";
import { searchTextFor } from "../search-text.ts";
import { FLASK_APPS, type FlaskApp, type FlaskPerson, type FlaskSource } from "./flask-source.ts";

export class FlaskImportError extends Error {}

export type PersonOutcome =
  | { email: string; result: "created"; format: string; roles: string[]; active: boolean; notes: string[] }
  | { email: string; result: "invite"; reason: string; roles: string[]; active: boolean; notes: string[] }
  | { email: string; result: "unchanged" }
  | { email: string; result: "skipped"; reason: string };

export type FlaskImportReport = {
  app: FlaskApp;
  label: string;
  dryRun: boolean;
  people: PersonOutcome[];
  rolesCreated: string[];
  subjectGroupsCreated: string[];
  todosCopied: number;
};

// A Flask-Security account has only an email: its name is made from the email's local part.
export const NO_LAST_NAME = "—";

const firstName = personNameSchema("First name");
const lastName = personNameSchema("Last name");

function namesFor(person: FlaskPerson, email: string, notes: string[]): { firstName: string; lastName: string } {
  const parts = email.split("@")[0]!.split(/[._+-]+/).filter(Boolean);
  const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  const guessedFirst = capital(parts[0] ?? email.split("@")[0]!).slice(0, 60);
  const guessedLast = parts.length > 1 ? capital(parts.slice(1).join(" ")).slice(0, 60) : NO_LAST_NAME;
  const first = firstName.safeParse(person.firstName ?? "");
  const last = lastName.safeParse(person.lastName ?? "");
  if (!first.success || !last.success) notes.push("name made from the email address");
  return { firstName: first.success ? first.data : guessedFirst, lastName: last.success ? last.data : guessedLast };
}

/** Source role names as Staffroom roles: DoubleDibz's "user" is Staffroom's "staff"; everyone is staff. */
function rolesFor(person: FlaskPerson, notes: string[]): string[] {
  const roles = new Set([STAFF_ROLE]);
  for (const name of person.roles) {
    const mapped = name.trim().toLowerCase() === "user" ? STAFF_ROLE : name.trim().toLowerCase();
    const parsed = roleNameSchema.safeParse(mapped);
    if (parsed.success) roles.add(parsed.data);
    else notes.push(`role "${name}" left out (not a valid role name)`);
  }
  return [...roles].sort();
}

type PlannedPerson = {
  source: FlaskPerson;
  email: string;
  firstName: string;
  lastName: string;
  username: string | null;
  roles: string[];
  subjectGroup: string | null;
  format: string | null;
  notes: string[];
};

/**
 * What the import would do, read from Staffroom's database without writing: who is new, who
 * is already here, who cannot be imported, which roles and subject groups are missing.
 */
async function plan(db: Db, source: FlaskSource, salt: Buffer | null) {
  const outcomes: PersonOutcome[] = [];
  const planned: PlannedPerson[] = [];
  const seen = new Set<string>();
  for (const person of source.people) {
    const parsedEmail = emailSchema.safeParse(person.email);
    if (!parsedEmail.success) {
      outcomes.push({ email: person.email, result: "skipped", reason: `not a valid email address (${parsedEmail.error.issues[0]?.message})` });
      continue;
    }
    const email = parsedEmail.data;
    if (seen.has(email)) {
      outcomes.push({ email, result: "skipped", reason: "the same email address appears twice" });
      continue;
    }
    seen.add(email);
    const notes: string[] = [];
    let username: string | null = null;
    if (person.username) {
      const parsed = usernameSchema.safeParse(person.username);
      if (parsed.success) username = parsed.data;
      else notes.push(`username "${person.username}" left out (${parsed.error.issues[0]?.message})`);
    }
    const group = person.subjectGroup ? subjectGroupSchema.shape.name.safeParse(person.subjectGroup) : null;
    const format = person.passwordHash ? describeLegacyHash(source.scheme, person.passwordHash) : null;
    planned.push({
      source: person,
      email,
      ...namesFor(person, email, notes),
      username,
      roles: rolesFor(person, notes),
      subjectGroup: group?.success ? group.data : null,
      format,
      notes,
    });
  }

  if (!salt && needsApplicationSalt(source.scheme) && planned.some((person) => person.format)) {
    throw new FlaskImportError(
      `the passwords of ${FLASK_APPS[source.app].label} are signed with its SECURITY_PASSWORD_SALT: give it with --salt <text>, or --salt-hex <hex of its UTF-8 bytes> when it is not plain text`,
    );
  }

  const existing = new Set(
    (await db.user.findMany({ where: { email: { in: planned.map((person) => person.email) } }, select: { email: true } })).map((user) => user.email),
  );
  const usernames = planned.flatMap((person) => (person.username ? [person.username.toLowerCase()] : []));
  const takenUsernames = new Set(
    (await db.user.findMany({ where: { usernameKey: { in: usernames } }, select: { usernameKey: true } })).map((user) => user.usernameKey),
  );
  const toCreate = planned.filter((person) => {
    if (!existing.has(person.email)) return true;
    outcomes.push({ email: person.email, result: "unchanged" });
    return false;
  });
  for (const person of toCreate) {
    if (person.username && takenUsernames.has(person.username.toLowerCase())) {
      person.notes.push(`username "${person.username}" left out (another account has it)`);
      person.username = null;
    }
  }

  const roleNames = [...new Set(toCreate.flatMap((person) => person.roles))];
  const knownRoles = new Set((await db.role.findMany({ where: { name: { in: roleNames } }, select: { name: true } })).map((role) => role.name));
  const groupNames = [...new Map(toCreate.flatMap((person) => (person.subjectGroup ? [[person.subjectGroup.toLowerCase(), person.subjectGroup]] : []))).values()];
  const knownGroups = new Set(
    (await db.subjectGroup.findMany({ where: { nameKey: { in: groupNames.map((name) => name.toLowerCase()) } }, select: { nameKey: true } })).map(
      (group) => group.nameKey,
    ),
  );
  return {
    outcomes,
    toCreate,
    rolesToCreate: roleNames.filter((name) => !knownRoles.has(name)).sort(),
    groupsToCreate: groupNames.filter((name) => !knownGroups.has(name.toLowerCase())).sort(),
  };
}

function outcomeOf(person: PlannedPerson): PersonOutcome {
  const common = { email: person.email, roles: person.roles, active: person.source.active, notes: person.notes };
  if (person.format) return { ...common, result: "created", format: person.format };
  return { ...common, result: "invite", reason: person.source.passwordHash ? "password hash in a format Staffroom cannot check" : "no password" };
}

export type FlaskImportOptions = {
  salt: Buffer | null;
  dryRun: boolean;
  /** Called after each person is written (not in a dry run). */
  onProgress?: (done: number, total: number) => void;
};

export async function importFlaskSource(db: Db, caller: Caller, source: FlaskSource, options: FlaskImportOptions): Promise<FlaskImportReport> {
  const actor = assertManager(caller);
  const { outcomes, toCreate, rolesToCreate, groupsToCreate } = await plan(db, source, options.salt);
  const todos = source.sharedTodos.flatMap((todo) => {
    const title = todoTitleSchema.safeParse(todo.title);
    return title.success ? [{ title: title.data, completed: todo.completed, order: todo.order }] : [];
  });
  const report: FlaskImportReport = {
    app: source.app,
    label: FLASK_APPS[source.app].label,
    dryRun: options.dryRun,
    people: [...outcomes, ...toCreate.map(outcomeOf)],
    rolesCreated: rolesToCreate,
    subjectGroupsCreated: groupsToCreate,
    todosCopied: todos.length * toCreate.length,
  };
  if (options.dryRun) return report;

  const descriptions = new Map(source.roles.map((role) => [role.name.toLowerCase(), role.description]));
  for (const name of rolesToCreate) {
    await db.role.upsert({ where: { name }, create: { name, description: descriptions.get(name) ?? "" }, update: {} });
  }
  for (const name of groupsToCreate) {
    await inTransaction(db, async (tx) => {
      if (await tx.subjectGroup.findUnique({ where: { nameKey: name.toLowerCase() } })) return;
      const group = await tx.subjectGroup.create({ data: { name, nameKey: name.toLowerCase() } });
      await recordAudit(tx, { action: "subject_group.created", actor, target: null, details: { id: group.id, name, importedFrom: source.app } });
    });
  }
  const groupIds = new Map(
    (await db.subjectGroup.findMany({ select: { id: true, nameKey: true } })).map((group) => [group.nameKey, group.id] as const),
  );
  const roleIds = new Map((await db.role.findMany({ select: { id: true, name: true } })).map((role) => [role.name, role.id] as const));

  let done = 0;
  for (const person of toCreate) {
    await inTransaction(db, async (tx) => {
      // Someone may have added this person since the plan was made: then they stay as they are.
      if (await tx.user.findUnique({ where: { email: person.email }, select: { id: true } })) return;
      const trackable = person.source.trackable;
      const user = await tx.user.create({
        data: {
          email: person.email,
          firstName: person.firstName,
          lastName: person.lastName,
          username: person.username,
          usernameKey: person.username?.toLowerCase() ?? null,
          active: person.source.active,
          searchText: searchTextFor(person),
          subjectGroupId: person.subjectGroup ? (groupIds.get(person.subjectGroup.toLowerCase()) ?? null) : null,
          roles: { connect: person.roles.flatMap((name) => (roleIds.has(name) ? [{ id: roleIds.get(name)! }] : [])) },
          ...(person.source.createdAt ? { createdAt: person.source.createdAt } : {}),
          ...(trackable ? trackable : {}),
          ...(person.format && person.source.passwordHash
            ? { password: { create: legacyPasswordData(source.scheme, person.source.passwordHash, needsApplicationSalt(source.scheme) ? options.salt : null) } }
            : {}),
        },
        select: { id: true, email: true },
      });
      if (todos.length > 0) await tx.todo.createMany({ data: todos.map((todo) => ({ ...todo, ownerId: user.id })) });
      await recordAudit(tx, {
        action: "staff.imported",
        actor,
        target: user,
        details: { importedFrom: source.app, roles: person.roles, active: person.source.active, format: person.format, todos: todos.length },
      });
    });
    options.onProgress?.(++done, toCreate.length);
  }
  return report;
}

/** The end of the command's output: what happened, in a few lines a person reads. */
export function summariseFlaskImport(report: FlaskImportReport): string[] {
  const count = (result: PersonOutcome["result"]) => report.people.filter((person) => person.result === result);
  const created = count("created");
  const invite = count("invite");
  const would = report.dryRun ? "would be " : "";
  const lines = [
    `${report.dryRun ? "Dry run, nothing written: " : ""}${report.people.length} people in the database.`,
    `  ${created.length} ${would}imported with their password${created.length ? ` (${[...tally(created.map((person) => (person.result === "created" ? person.format : "")))].map(([format, n]) => `${n} ${format}`).join(", ")})` : ""}`,
    `  ${invite.length} ${would}imported without a usable password, to be invited${invite.length ? `: ${invite.map((person) => person.email).join(", ")}` : ""}`,
    `  ${count("unchanged").length} already in Staffroom, left unchanged`,
  ];
  const skipped = count("skipped");
  if (skipped.length) lines.push(`  ${skipped.length} skipped: ${skipped.map((person) => `${person.email} (${person.result === "skipped" ? person.reason : ""})`).join("; ")}`);
  if (report.rolesCreated.length) lines.push(`Roles ${report.dryRun ? "to create" : "created"}: ${report.rolesCreated.join(", ")}`);
  if (report.subjectGroupsCreated.length) lines.push(`Subject groups ${report.dryRun ? "to create" : "created"}: ${report.subjectGroupsCreated.join(", ")}`);
  if (report.todosCopied) lines.push(`Todos ${report.dryRun ? "to copy" : "copied"}: ${report.todosCopied} (the shared list, once for each new person)`);
  // One line per kind of note, naming the people it concerns.
  const notes = new Map<string, string[]>();
  for (const person of report.people) {
    if (person.result !== "created" && person.result !== "invite") continue;
    for (const note of person.notes) notes.set(note, [...(notes.get(note) ?? []), person.email]);
  }
  for (const [note, emails] of notes) lines.push(`Note, ${note}: ${emails.join(", ")}`);
  return lines;
}

function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
