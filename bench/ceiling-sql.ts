// The ceiling server's statements (bench/ceiling-server.ts), in pg's $n placeholders. The
// names Prisma chose come from the app's one home for them, so lib/db/sql-names.test.ts
// checks these against the schema too.
import { orderBySql, ROLE_MEMBERS } from "../lib/db/sql-names.ts";
import { TODO_LIST_ORDER } from "../lib/todos/todo-list.ts";

export const TOKEN_SQL = `SELECT t."expiresAt", s."id", s."email", s."firstName", s."lastName", s."username", s."active"
  FROM "api_tokens" t JOIN "staff" s ON s."id" = t."userId" WHERE t."tokenHash" = $1`;
export const ROLES_SQL = `SELECT r."name" FROM "roles" r JOIN "${ROLE_MEMBERS.table}" m ON m."${ROLE_MEMBERS.roleId}" = r."id" WHERE m."${ROLE_MEMBERS.userId}" = $1`;
export const TODOS_SQL = `SELECT t."id", t."title", t."completed", t."order", t."createdAt", t."updatedAt"
  FROM "todos" t WHERE t."ownerId" = $1 ${orderBySql("t", TODO_LIST_ORDER)}`;

/** Gives every benchmark staff member (staff-N@bench.test) the staff role, in one statement. */
export const GIVE_STAFF_ROLE_SQL = `INSERT INTO "${ROLE_MEMBERS.table}" ("${ROLE_MEMBERS.roleId}", "${ROLE_MEMBERS.userId}") SELECT r."id", s."id" FROM "roles" r, "staff" s WHERE r."name" = 'staff' AND s."email" LIKE 'staff-%@bench.test'`;
