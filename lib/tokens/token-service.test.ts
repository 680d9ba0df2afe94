import { describe, expect, it } from "vitest";
import type { CurrentUser } from "../identity/current-user.ts";
import { NotFoundError } from "../errors.ts";
import type { Db } from "../db/client.ts";
import { asCaller, newStaff } from "../testing/people.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { createApiToken, findTokenUser, hashToken, listApiTokens, revokeApiToken, revokeTokensOf } from "./token-service.ts";

const DAY = 24 * 3600 * 1000;

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

async function addStaff(email: string): Promise<CurrentUser> {
  return asCaller(await newStaff(db, { email, firstName: "Jo", lastName: "Bloggs" }));
}

describe("API tokens", () => {
  it("are sr_ followed by 256 random bits, different every time", async () => {
    const jo = await addStaff("jo@school.org");
    const a = await createApiToken(db, jo, "a");
    const b = await createApiToken(db, jo, "b");
    expect(a.token).toMatch(/^sr_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
  });

  it("are stored only as a SHA-256 hash", async () => {
    const jo = await addStaff("jo@school.org");
    const { token, apiToken } = await createApiToken(db, jo, "backup");
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.slice(3));
  });

  it("expire after 30 days by default, or the lifetime given", async () => {
    const jo = await addStaff("jo@school.org");
    const before = Date.now();
    const { apiToken } = await createApiToken(db, jo, "default");
    const { apiToken: short } = await createApiToken(db, jo, "short", 1);
    const after = Date.now();
    expect(Date.parse(apiToken.expiresAt)).toBeGreaterThanOrEqual(before + 30 * DAY);
    expect(Date.parse(apiToken.expiresAt)).toBeLessThanOrEqual(after + 30 * DAY);
    expect(Date.parse(short.expiresAt)).toBeLessThanOrEqual(after + DAY);
  });

  it("find their owner", async () => {
    const jo = await addStaff("jo@school.org");
    const { token } = await createApiToken(db, jo, "backup");
    expect(await findTokenUser(db, token)).toEqual(jo);
  });

  it("find nobody for an unknown, malformed or expired token", async () => {
    const jo = await addStaff("jo@school.org");
    const { token, apiToken } = await createApiToken(db, jo, "backup");
    expect(await findTokenUser(db, `${token}x`)).toBeNull();
    expect(await findTokenUser(db, token.slice(3))).toBeNull();
    expect(await findTokenUser(db, "")).toBeNull();
    expect(await findTokenUser(db, `sr_${"a".repeat(300)}`)).toBeNull();
    await db.apiToken.update({ where: { id: apiToken.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await findTokenUser(db, token)).toBeNull();
  });

  it("find nobody once the owner is deactivated", async () => {
    const jo = await addStaff("jo@school.org");
    const { token } = await createApiToken(db, jo, "backup");
    await db.user.update({ where: { id: jo.id }, data: { active: false } });
    expect(await findTokenUser(db, token)).toBeNull();
  });

  it("record when they were last used, at most once a minute", async () => {
    const jo = await addStaff("jo@school.org");
    const { token, apiToken } = await createApiToken(db, jo, "backup");
    const lastUsed = async () => (await db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).lastUsedAt;
    expect(apiToken.lastUsedAt).toBeNull();

    await findTokenUser(db, token);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);

    // Pretend the first use was 30 seconds ago: a use now does not write again.
    const thirtySecondsAgo = new Date(Date.now() - 30_000);
    await db.apiToken.update({ where: { id: apiToken.id }, data: { lastUsedAt: thirtySecondsAgo } });
    await findTokenUser(db, token);
    expect((await lastUsed())!.getTime()).toBe(thirtySecondsAgo.getTime());

    // Two minutes ago: it does.
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db.apiToken.update({ where: { id: apiToken.id }, data: { lastUsedAt: twoMinutesAgo } });
    await findTokenUser(db, token);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
  });

  it("are listed for their owner only, newest first, without the secret or its hash", async () => {
    const jo = await addStaff("jo@school.org");
    const ann = await addStaff("ann@school.org");
    const first = await createApiToken(db, jo, "first");
    await db.apiToken.update({ where: { id: first.apiToken.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    const second = await createApiToken(db, jo, "second");
    await createApiToken(db, ann, "ann's");

    const list = await listApiTokens(db, jo);
    expect(list.map((token) => token.name)).toEqual(["second", "first"]);
    for (const item of list) expect(Object.keys(item).sort()).toEqual(["createdAt", "expiresAt", "id", "lastUsedAt", "name"]);
    const text = JSON.stringify(list);
    for (const { token } of [first, second]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(hashToken(token));
    }
  });

  it("can be revoked by their owner, after which they find nobody", async () => {
    const jo = await addStaff("jo@school.org");
    const { token, apiToken } = await createApiToken(db, jo, "backup");
    await revokeApiToken(db, jo, apiToken.id);
    expect(await findTokenUser(db, token)).toBeNull();
    await expect(revokeApiToken(db, jo, apiToken.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("cannot be revoked by anyone else: their id is not found", async () => {
    const jo = await addStaff("jo@school.org");
    const ann = await addStaff("ann@school.org");
    const { token, apiToken } = await createApiToken(db, jo, "backup");
    await expect(revokeApiToken(db, ann, apiToken.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await findTokenUser(db, token)).toEqual(jo);
  });

  it("are all revoked together for one person", async () => {
    const jo = await addStaff("jo@school.org");
    const ann = await addStaff("ann@school.org");
    await createApiToken(db, jo, "a");
    await createApiToken(db, jo, "b");
    const { token: annToken } = await createApiToken(db, ann, "c");
    expect(await revokeTokensOf(db, jo.id)).toBe(2);
    expect(await listApiTokens(db, jo)).toEqual([]);
    expect(await findTokenUser(db, annToken)).toEqual(ann);
  });
});
