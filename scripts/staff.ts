// `npm run staff -- <command> ...`: staff accounts from the command line (the seeds'
// manage.py). It uses the same functions, and so the same rules and audit log, as the admin
// screens and the API; its changes are logged with no actor ("system").
import promptPassword from "@inquirer/password";
import { parseArgs } from "node:util";
import { prepareEnvironment } from "../lib/startup/prepare-environment.ts";

const USAGE = `Usage: npm run staff -- <command> [arguments]

Commands:
  create <email> --first-name <name> --last-name <name> [--role <role>]... [--username <name>]
         [--group <subject group>] [--password-stdin | --invite]
                                  create an account (role defaults to "staff"); its
                                  password is temporary, or with --invite the person
                                  gets a link by mail to choose their own
  set-password <email> [--password-stdin]
                                  set a temporary password (ends the person's sessions
                                  and tokens; they choose a new one at the next login)
  grant <email> <role>            give a role, e.g. admin
  revoke <email> <role>           take a role away
  deactivate <email>              stop someone logging in (ends their sessions and tokens)
  activate <email>                let them log in again
  unlock <email>                  lift the lock after too many failed logins
  reset-2fa <email>               remove their two-factor authentication (authenticator app,
                                  recovery codes, passkeys) and end their sessions: the way
                                  back in for someone who lost their phone and codes
  list [--search <text>] [--page <n>]
                                  list accounts, 50 per page
  roles                           list the roles
  add-role <name> [--description <text>]
                                  add a role
  groups                          list the subject groups, with how many staff each has
  add-group <name>                add a subject group
  export [--search <text>]        the staff table as CSV, on standard output
  import <file.csv> [--dry-run] [--no-invite]
                                  create and update accounts from a CSV file (columns email,
                                  first_name, last_name, username, subject_group, roles, active);
                                  all rows or none; new people are invited
  import-flask <sqlite-file> [--salt <SECURITY_PASSWORD_SALT> | --salt-hex <hex>] [--dry-run]
                                  bring in the people of one of the four Flask applications,
                                  with their passwords, roles, subject groups and todos

Passwords are asked for at the terminal (not echoed), or read from standard input with
--password-stdin, so that they stay out of shell history and process lists.`;

class UsageError extends Error {}

function positional(args: string[], index: number, what: string): string {
  const value = args[index];
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const password = Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
    if (!password) throw new UsageError("no password on standard input");
    return password;
  }
  // A real terminal: the prompt library turns echo off and prints nothing for what is typed
  // (no mask either, so not even the password's length shows).
  const ask = async (message: string) => {
    try {
      return await promptPassword({ message, mask: false });
    } catch (error) {
      // Ctrl+C at the prompt: a plain "cancelled", not a stack trace.
      if ((error as Error).name === "ExitPromptError") throw new UsageError("cancelled");
      throw error;
    }
  };
  const typed = await ask("New password:");
  if (typed !== (await ask("Repeat it:"))) throw new UsageError("the passwords do not match");
  return typed;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "first-name": { type: "string" },
      "last-name": { type: "string" },
      role: { type: "string", multiple: true },
      username: { type: "string" },
      group: { type: "string" },
      "password-stdin": { type: "boolean", default: false },
      invite: { type: "boolean", default: false },
      search: { type: "string" },
      page: { type: "string" },
      description: { type: "string" },
      salt: { type: "string" },
      "salt-hex": { type: "string" },
      "dry-run": { type: "boolean", default: false },
      "no-invite": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...args] = positionals;
  if (!command || values.help || command === "help") {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }

  prepareEnvironment();
  const { migrateDatabase } = await import("../lib/db/migrations.ts");
  const { createDb } = await import("../lib/db/client.ts");
  const { ensureRoles } = await import("../lib/staff/bootstrap.ts");
  const staff = await import("../lib/staff/staff-service.ts");
  const { listStaff } = await import("../lib/staff/staff-queries.ts");
  const { SYSTEM } = await import("../lib/identity/caller.ts");
  const { closePasswordWorkers } = await import("../lib/auth/password.ts");
  const { staffCreateBodySchema, staffUpdateBodySchema, roleNameSchema } = await import("../lib/validation/staff.ts");
  const { fieldErrors } = await import("../lib/validation/fields.ts");
  const groups = await import("../lib/subject-groups/subject-group-service.ts");
  const { subjectGroupSchema } = await import("../lib/validation/subject-groups.ts");
  const { ConflictError } = await import("../lib/errors.ts");
  const { inviteLinkDays, smtpUrl } = await import("../lib/config/env.ts");

  await migrateDatabase();
  const db = createDb();
  await ensureRoles(db);

  const parseOrExplain = <T>(result: { success: true; data: T } | { success: false; error: import("zod").ZodError }): T => {
    if (result.success) return result.data;
    const messages = Object.entries(fieldErrors(result.error)).map(([field, errors]) => `  ${field}: ${errors.join(" ")}`);
    throw new UsageError(`invalid input:\n${messages.join("\n")}`);
  };
  const find = (email: string) => staff.findStaffByEmail(db, SYSTEM, email);
  const changeRoles = async (email: string, role: string, give: boolean) => {
    const person = await find(email);
    const name = parseOrExplain(roleNameSchema.safeParse(role));
    const roles = give ? [...person.roles, name] : person.roles.filter((existing) => existing !== name);
    return staff.updateStaff(db, SYSTEM, person.id, { roles });
  };

  try {
    switch (command) {
      case "create": {
        const email = positional(args, 0, "email");
        let subjectGroupId: number | null = null;
        if (values.group) {
          const group = await db.subjectGroup.findUnique({ where: { nameKey: values.group.trim().toLowerCase() }, select: { id: true } });
          if (!group) throw new UsageError(`no subject group called "${values.group}"`);
          subjectGroupId = group.id;
        }
        const input = parseOrExplain(
          staffCreateBodySchema.safeParse({
            email,
            firstName: values["first-name"] ?? "",
            lastName: values["last-name"] ?? "",
            username: values.username ?? null,
            subjectGroupId,
            roles: values.role ?? ["staff"],
            active: true,
            password: values.invite ? null : await readPassword(values["password-stdin"]),
          }),
        );
        // A password given at the command line is an administrator's: temporary.
        const { user: created, invitation } = await staff.createStaffAndInvite(db, SYSTEM, input, { temporaryPassword: true });
        console.log(`Created ${created.email} (${created.roles.join(", ")}), id ${created.id}.`);
        if (invitation) {
          console.log(
            smtpUrl()
              ? "An invitation to choose a password is in the outbox: the running server sends it."
              : `No SMTP_URL is set: pass this invitation link on (it works once, for ${inviteLinkDays()} days):\n  ${invitation.link}`,
          );
        }
        return 0;
      }
      case "set-password": {
        const person = await find(positional(args, 0, "email"));
        const { password } = parseOrExplain(
          staffUpdateBodySchema.safeParse({ password: await readPassword(values["password-stdin"]), email: person.email }),
        );
        await staff.updateStaff(db, SYSTEM, person.id, { password }, { temporaryPassword: true });
        console.log(`Set a temporary password for ${person.email} (they choose a new one at their next login); their sessions and API tokens have ended.`);
        return 0;
      }
      case "grant":
      case "revoke": {
        const updated = await changeRoles(positional(args, 0, "email"), positional(args, 1, "role"), command === "grant");
        console.log(`${updated.email} now has: ${updated.roles.join(", ") || "no roles"}.`);
        return 0;
      }
      case "deactivate":
      case "activate": {
        const person = await find(positional(args, 0, "email"));
        await staff.updateStaff(db, SYSTEM, person.id, { active: command === "activate" });
        console.log(`${person.email} is now ${command === "activate" ? "active" : "inactive"}.`);
        return 0;
      }
      case "unlock": {
        const person = await find(positional(args, 0, "email"));
        await staff.unlockStaff(db, SYSTEM, person.id);
        console.log(`${person.email} may try to log in again.`);
        return 0;
      }
      case "reset-2fa": {
        const person = await find(positional(args, 0, "email"));
        const { resetTwoFactor } = await import("../lib/auth/two-factor/two-factor-service.ts");
        await resetTwoFactor(db, SYSTEM, person.id);
        console.log(`${person.email} can log in with their password alone and set up two-factor again.`);
        return 0;
      }
      case "list": {
        const page = Number(values.page ?? 1);
        if (!Number.isInteger(page) || page < 1) throw new UsageError("--page must be a whole number from 1");
        const result = await listStaff(db, SYSTEM, { q: values.search ?? "", page, pageSize: 50 });
        for (const person of result.staff) {
          const state = person.active ? "" : "  (inactive)";
          console.log(`${person.email}\t${person.firstName} ${person.lastName}\t${person.roles.join(",")}${state}`);
        }
        console.log(`-- ${result.staff.length} of ${result.total}, page ${result.page}`);
        return 0;
      }
      case "roles": {
        for (const role of await db.role.findMany({ orderBy: { name: "asc" } })) console.log(`${role.name}\t${role.description}`);
        return 0;
      }
      case "add-role": {
        const name = parseOrExplain(roleNameSchema.safeParse(positional(args, 0, "role name")));
        const existing = await db.role.findUnique({ where: { name }, select: { id: true } });
        if (existing) {
          console.log(`Role ${name} exists.`);
          return 0;
        }
        await db.role.create({ data: { name, description: values.description ?? "" } });
        console.log(`Created role ${name}.`);
        return 0;
      }
      case "groups": {
        for (let page = 1, shown = 0; ; page++) {
          const result = await groups.listSubjectGroups(db, SYSTEM, { q: "", page, pageSize: 100 });
          for (const group of result.subjectGroups) console.log(`${group.name}\t${group.staffCount} staff`);
          shown += result.subjectGroups.length;
          if (shown >= result.total || result.subjectGroups.length === 0) {
            console.log(`-- ${result.total} subject group${result.total === 1 ? "" : "s"}`);
            return 0;
          }
        }
      }
      case "add-group": {
        const { name } = parseOrExplain(subjectGroupSchema.safeParse({ name: positional(args, 0, "subject group name") }));
        try {
          const created = await groups.createSubjectGroup(db, SYSTEM, name);
          console.log(`Created subject group ${created.name}.`);
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          console.log(`Subject group ${name} exists.`);
        }
        return 0;
      }
      case "export": {
        const { runExport } = await import("./staff/csv-commands.ts");
        return await runExport(db, values.search);
      }
      case "import": {
        const { runImport } = await import("./staff/csv-commands.ts");
        return await runImport(db, { file: positional(args, 0, "CSV file"), dryRun: values["dry-run"], invite: !values["no-invite"] });
      }
      case "import-flask": {
        const { runImportFlask } = await import("./staff/import-flask.ts");
        return await runImportFlask(db, { file: positional(args, 0, "SQLite file"), salt: values.salt, saltHex: values["salt-hex"], dryRun: values["dry-run"] });
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } finally {
    await db.$disconnect();
    await closePasswordWorkers();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`staff: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`staff: ${message}`);
    process.exit(1);
  },
);
