// API tokens (seed 003's Authentication-Token): random secrets shown once, stored only as
// SHA-256 hashes (a fast hash is enough for 256 random bits; bcrypt is for guessable
// passwords). Revoking deletes the row, so the next request with the token is refused.
import { createHash, randomBytes } from "node:crypto";
import { apiTokenLifetimeDays } from "../config/env.ts";
import type { CurrentUser } from "../identity/current-user.ts";
import { currentUserFromRows, IDENTITY_SQL } from "../identity/current-user.ts";
import { directReaderFor, type Db } from "../db/client.ts";
import { asTime } from "../db/direct-reads.ts";
import { NotFoundError } from "../errors.ts";

const TOKEN_PREFIX = "sr_";
/** lastUsedAt is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

import type { ApiTokenJson } from "./token-json.ts";

export type { ApiTokenJson };

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX) && value.length < 200;
}

const tokenSelect = { id: true, name: true, createdAt: true, lastUsedAt: true, expiresAt: true } as const;

function toTokenJson(row: { id: number; name: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date }): ApiTokenJson {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt.toISOString(),
  };
}

export async function createApiToken(
  db: Db,
  owner: Pick<CurrentUser, "id">,
  name: string,
  lifetimeDays = apiTokenLifetimeDays(),
): Promise<{ token: string; apiToken: ApiTokenJson }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await db.apiToken.create({
    data: { userId: owner.id, name, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + lifetimeDays * 24 * 3600 * 1000) },
    select: tokenSelect,
  });
  return { token, apiToken: toTokenJson(row) };
}

export async function listApiTokens(db: Db, owner: CurrentUser): Promise<ApiTokenJson[]> {
  const rows = await db.apiToken.findMany({ where: { userId: owner.id }, orderBy: { createdAt: "desc" }, select: tokenSelect });
  return rows.map(toTokenJson);
}

/** Only the owner can revoke a token; anyone else's id is "not found". */
export async function revokeApiToken(db: Db, owner: CurrentUser, id: number): Promise<void> {
  const { count } = await db.apiToken.deleteMany({ where: { id, userId: owner.id } });
  if (count === 0) throw new NotFoundError("No API token with that id.");
}

export async function revokeTokensOf(db: Pick<Db, "apiToken">, userId: string): Promise<number> {
  const { count } = await db.apiToken.deleteMany({ where: { userId } });
  return count;
}

export const TOKEN_OWNER_SQL = `SELECT t."id" AS "tokenId", t."expiresAt", t."lastUsedAt", ${IDENTITY_SQL.columns}
  FROM "api_tokens" t JOIN "staff" s ON s."id" = t."userId" ${IDENTITY_SQL.joinRoles}
  WHERE t."tokenHash" = ?`;

/**
 * The owner of a token, or null if it is unknown, expired, or its owner is inactive. On
 * every API request with a token, so it reads through the direct path, in one query.
 */
export async function findTokenUser(db: Db, token: string): Promise<CurrentUser | null> {
  if (!looksLikeToken(token)) return null;
  const rows = await directReaderFor(db).all(TOKEN_OWNER_SQL, [hashToken(token)]);
  const first = rows[0];
  if (!first) return null;
  const now = Date.now();
  if (asTime(first.expiresAt) <= now) return null;
  if (first.lastUsedAt == null || now - asTime(first.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: Number(first.tokenId) }, data: { lastUsedAt: new Date(now) } });
  }
  return currentUserFromRows(rows);
}
