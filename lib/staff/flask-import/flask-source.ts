// Reading the SQLite database of one of the four Flask seed applications (../shared/seeds/),
// as their models create it, into one shape. Which application it is follows from its tables.
import Database from "better-sqlite3";
import type { LegacyScheme } from "../../auth/legacy/legacy-passwords.ts";

export type FlaskApp = "flask-todomvc" | "doubledibz" | "staff-app" | "token-auth";

export const FLASK_APPS: Record<FlaskApp, { label: string; tables: string[] }> = {
  "flask-todomvc": { label: "seed A, flask-todomvc (Flask-Security, bcrypt)", tables: ["users", "roles", "roles_users", "todos"] },
  doubledibz: { label: "seed 001, DoubleDibz (Werkzeug)", tables: ["user"] },
  "staff-app": { label: "seed 002, the staff and subject groups app (Werkzeug)", tables: ["staff", "subject_group"] },
  "token-auth": { label: "seed 003, token authentication (Flask-Security, pbkdf2_sha512)", tables: ["auth_user", "auth_role", "roles_users"] },
};

export type FlaskPerson = {
  sourceId: number;
  email: string;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  active: boolean;
  roles: string[];
  subjectGroup: string | null;
  passwordHash: string | null;
  createdAt: Date | null;
  trackable: { currentLoginAt: Date | null; lastLoginAt: Date | null; currentLoginIp: string | null; lastLoginIp: string | null; loginCount: number } | null;
};

export type FlaskSource = {
  app: FlaskApp;
  scheme: LegacyScheme;
  people: FlaskPerson[];
  roles: { name: string; description: string }[];
  subjectGroups: string[];
  /** flask-todomvc's one list, shared by everyone: each imported person gets a copy. */
  sharedTodos: { title: string; completed: boolean; order: number }[];
};

export class FlaskSourceError extends Error {}

/** DoubleDibz's UserConstants: ADMIN = 0, STAFF = 1, USER = 2 (TESTER = 3 in its final version). */
export const DOUBLEDIBZ_ROLES: Record<number, string> = { 0: "admin", 1: "staff", 2: "user", 3: "test" };

type Row = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);
const int = (value: unknown): number => (typeof value === "number" || typeof value === "bigint" ? Number(value) : 0);
// SQLAlchemy's Boolean on SQLite is 0/1; NULL (never set) is falsy to Flask-Login too.
const bool = (value: unknown): boolean => value === 1 || value === 1n || value === true;

/** SQLAlchemy's SQLite DateTime: "2015-01-15 07:56:55.000000", naive, written as UTC by the seeds. */
export function sqlalchemyDate(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d{1,6})?/.exec(value);
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}${(match[3] ?? "").slice(0, 4)}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function detectFlaskApp(tables: Set<string>): FlaskApp | null {
  // Staffroom's own database has a "staff" table too, but "subject_groups", not "subject_group".
  const order: FlaskApp[] = ["token-auth", "flask-todomvc", "staff-app", "doubledibz"];
  return order.find((app) => FLASK_APPS[app].tables.every((table) => tables.has(table))) ?? null;
}

function columnsOf(db: Database.Database, table: string): Set<string> {
  return new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((column) => column.name));
}

function rolesByUser(db: Database.Database, roleTable: string): { roles: { name: string; description: string }[]; byUser: Map<number, string[]> } {
  const roles = db.prepare(`SELECT id, name, description FROM "${roleTable}"`).all() as Row[];
  const names = new Map(roles.map((role) => [int(role.id), String(role.name ?? "")]));
  const byUser = new Map<number, string[]>();
  for (const link of db.prepare(`SELECT user_id, role_id FROM roles_users`).all() as Row[]) {
    const name = names.get(int(link.role_id));
    if (!name) continue;
    byUser.set(int(link.user_id), [...(byUser.get(int(link.user_id)) ?? []), name]);
  }
  return { roles: roles.map((role) => ({ name: String(role.name ?? ""), description: text(role.description) ?? "" })), byUser };
}

/** One of a seed's users: the columns every seed has, then what this seed adds (`more`). */
function personFrom(row: Row, more: Partial<FlaskPerson>): FlaskPerson {
  return {
    sourceId: int(row.id),
    email: String(row.email ?? ""),
    firstName: text(row.first_name),
    lastName: text(row.last_name),
    username: null,
    active: true,
    roles: [],
    subjectGroup: null,
    passwordHash: null,
    createdAt: null,
    trackable: null,
    ...more,
  };
}

function readTodoMvc(db: Database.Database): FlaskSource {
  const { roles, byUser } = rolesByUser(db, "roles");
  const people = (db.prepare(`SELECT id, email, password, active FROM users ORDER BY id`).all() as Row[]).map((row) =>
    personFrom(row, { active: bool(row.active), roles: byUser.get(int(row.id)) ?? [], passwordHash: text(row.password) }),
  );
  const todos = (db.prepare(`SELECT title, "order", completed FROM todos ORDER BY "order", id`).all() as Row[]).map((row, index) => ({
    title: String(row.title ?? ""),
    completed: bool(row.completed),
    order: row.order === null || row.order === undefined ? index + 1 : int(row.order),
  }));
  return { app: "flask-todomvc", scheme: "flask-security", people, roles, subjectGroups: [], sharedTodos: todos };
}

function readDoubleDibz(db: Database.Database): FlaskSource {
  const rows = db.prepare(`SELECT id, first_name, last_name, user_name, email, created_on, role_code, password FROM "user" ORDER BY id`).all() as Row[];
  const people = rows.map((row) =>
    personFrom(row, {
      username: text(row.user_name),
      roles: [DOUBLEDIBZ_ROLES[int(row.role_code)] ?? "user"],
      passwordHash: text(row.password),
      createdAt: sqlalchemyDate(row.created_on),
    }),
  );
  return { app: "doubledibz", scheme: "werkzeug", people, roles: [], subjectGroups: [], sharedTodos: [] };
}

function readStaffApp(db: Database.Database): FlaskSource {
  const groups = new Map((db.prepare(`SELECT id, name FROM subject_group`).all() as Row[]).map((row) => [int(row.id), String(row.name ?? "")]));
  const rows = db.prepare(`SELECT id, email, first_name, last_name, password_hash, subject_group_id FROM staff ORDER BY id`).all() as Row[];
  const people = rows.map((row) =>
    personFrom(row, {
      subjectGroup: row.subject_group_id === null ? null : (groups.get(int(row.subject_group_id)) ?? null),
      passwordHash: text(row.password_hash),
    }),
  );
  return { app: "staff-app", scheme: "werkzeug", people, roles: [], subjectGroups: [...groups.values()], sharedTodos: [] };
}

function readTokenAuth(db: Database.Database): FlaskSource {
  const { roles, byUser } = rolesByUser(db, "auth_role");
  const columns = columnsOf(db, "auth_user");
  const pick = (name: string) => (columns.has(name) ? `"${name}"` : `NULL AS "${name}"`);
  const trackable = ["current_login_at", "last_login_at", "current_login_ip", "last_login_ip", "login_count", "created_at", "first_name", "last_name"];
  const rows = db.prepare(`SELECT id, email, password, active, ${trackable.map(pick).join(", ")} FROM auth_user ORDER BY id`).all() as Row[];
  const people = rows.map((row) => personFrom(row, {
    active: bool(row.active),
    roles: byUser.get(int(row.id)) ?? [],
    passwordHash: text(row.password),
    createdAt: sqlalchemyDate(row.created_at),
    trackable: {
      currentLoginAt: sqlalchemyDate(row.current_login_at),
      lastLoginAt: sqlalchemyDate(row.last_login_at),
      currentLoginIp: text(row.current_login_ip),
      lastLoginIp: text(row.last_login_ip),
      loginCount: int(row.login_count),
    },
  }));
  return { app: "token-auth", scheme: "flask-security", people, roles, subjectGroups: [], sharedTodos: [] };
}

const READERS: Record<FlaskApp, (db: Database.Database) => FlaskSource> = {
  "flask-todomvc": readTodoMvc,
  doubledibz: readDoubleDibz,
  "staff-app": readStaffApp,
  "token-auth": readTokenAuth,
};

/** Opens the file read-only, tells which seed application made it, and reads everything in it. */
export function readFlaskDatabase(file: string): FlaskSource {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new FlaskSourceError(`cannot open ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    let tables: Set<string>;
    try {
      tables = new Set((db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((row) => row.name));
    } catch {
      throw new FlaskSourceError(`${file} is not a SQLite database`);
    }
    const app = detectFlaskApp(tables);
    if (!app) {
      const known = Object.values(FLASK_APPS).map((entry) => entry.tables.join("/")).join("; ");
      throw new FlaskSourceError(`${file} is not the database of one of the four Flask applications (looked for the tables ${known})`);
    }
    try {
      return READERS[app](db);
    } catch (error) {
      throw new FlaskSourceError(`${file} looks like ${FLASK_APPS[app].label}, but reading it failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  } finally {
    db.close();
  }
}
