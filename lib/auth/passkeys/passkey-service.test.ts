import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import { SYSTEM } from "../../identity/caller.ts";
import { getStaff } from "../../staff/staff-service.ts";
import { asCaller, newStaff } from "../../testing/people.ts";
import { setUpTestDb } from "../../testing/set-up-test-db.ts";
import { SoftwareAuthenticator } from "../../testing/software-authenticator.ts";
import { CHALLENGE_MINUTES } from "../two-factor/login-challenge.ts";
import { hasTwoFactor } from "../two-factor/two-factor-service.ts";
import { completePasskeyLogin } from "./passkey-login.ts";
import { finishPasskeyRegistration, listPasskeys, removePasskey, renamePasskey, startPasskeyAssertion, startPasskeyRegistration, verifyPasskeyAssertion } from "./passkey-service.ts";
import { relyingParty } from "./relying-party.ts";

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

const RP = { rpID: "staff.example.test", origin: "https://staff.example.test" };
const IP = "192.0.2.20";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";

async function personWithPasskey() {
  const person = asCaller(await newStaff(db));
  const authenticator = new SoftwareAuthenticator(RP);
  const { options, token } = await startPasskeyRegistration(db, person, RP);
  const added = await finishPasskeyRegistration(db, person, { token, response: authenticator.register(options), userAgent: CHROME, ip: IP }, RP);
  if (!added.ok) throw new Error(`registration failed: ${added.reason}`);
  return { person, authenticator, passkey: added.passkey };
}

async function signIn(authenticator: SoftwareAuthenticator, answer = (challenge: { challenge: string }) => authenticator.authenticate(challenge)) {
  const { options, token } = await startPasskeyAssertion(db, "passkey-login", null, RP);
  return verifyPasskeyAssertion(db, { token, purpose: "passkey-login", response: answer(options), ip: IP }, RP);
}

describe("relying party", () => {
  it("comes from the public URL; a loopback address becomes localhost (WebAuthn takes no IP as RP ID)", () => {
    expect(relyingParty("https://staff.example.org/")).toEqual({ rpID: "staff.example.org", origin: "https://staff.example.org" });
    expect(relyingParty("http://127.0.0.1:3210")).toEqual({ rpID: "localhost", origin: "http://localhost:3210" });
  });
});

describe("passkey registration", () => {
  it("asks for a discoverable credential with user verification, and names the passkey after the browser", async () => {
    const person = asCaller(await newStaff(db));
    const { options } = await startPasskeyRegistration(db, person, RP);
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    expect(options.rp.id).toBe(RP.rpID);
    const { passkey } = await personWithPasskey();
    expect(passkey.name).toBe("Chrome 156 on Linux");
  });

  it("makes a passkey count as two-factor, also in the user JSON (staff table, API)", async () => {
    const person = asCaller(await newStaff(db));
    expect((await getStaff(db, SYSTEM, person.id)).twoFactor).toBe(false);
    const { person: withPasskey } = await personWithPasskey();
    expect(await hasTwoFactor(db, withPasskey.id)).toBe(true);
    expect((await getStaff(db, SYSTEM, withPasskey.id)).twoFactor).toBe(true);
  });

  it("refuses an answer from another origin, and one without user verification", async () => {
    const person = asCaller(await newStaff(db));
    const authenticator = new SoftwareAuthenticator(RP);
    let { options, token } = await startPasskeyRegistration(db, person, RP);
    expect(await finishPasskeyRegistration(db, person, { token, response: authenticator.register(options, "https://evil.example"), userAgent: CHROME, ip: IP }, RP)).toEqual({ ok: false, reason: "invalid" });
    ({ options, token } = await startPasskeyRegistration(db, person, RP));
    authenticator.userVerified = false;
    expect(await finishPasskeyRegistration(db, person, { token, response: authenticator.register(options), userAgent: CHROME, ip: IP }, RP)).toEqual({ ok: false, reason: "invalid" });
    expect(await listPasskeys(db, person)).toEqual([]);
  });
});

describe("passkey challenges", () => {
  it("work once: the same challenge and answer are refused the second time", async () => {
    const { authenticator } = await personWithPasskey();
    const { options, token } = await startPasskeyAssertion(db, "passkey-login", null, RP);
    const answer = authenticator.authenticate(options);
    expect((await verifyPasskeyAssertion(db, { token, purpose: "passkey-login", response: answer, ip: IP }, RP)).ok).toBe(true);
    expect(await verifyPasskeyAssertion(db, { token, purpose: "passkey-login", response: answer, ip: IP }, RP)).toEqual({ ok: false, reason: "expired" });
  });

  it("are used up by a failed answer too", async () => {
    const { authenticator } = await personWithPasskey();
    const { options, token } = await startPasskeyAssertion(db, "passkey-login", null, RP);
    expect((await verifyPasskeyAssertion(db, { token, purpose: "passkey-login", response: authenticator.authenticate(options, { origin: "https://evil.example" }), ip: IP }, RP)).ok).toBe(false);
    expect(await verifyPasskeyAssertion(db, { token, purpose: "passkey-login", response: authenticator.authenticate(options), ip: IP }, RP)).toEqual({ ok: false, reason: "expired" });
  });

  it(`run out after ${CHALLENGE_MINUTES} minutes`, async () => {
    const { authenticator } = await personWithPasskey();
    const { options, token } = await startPasskeyAssertion(db, "passkey-login", null, RP);
    await db.loginChallenge.updateMany({ where: { purpose: "passkey-login" }, data: { expires: new Date(Date.now() - 1000) } });
    expect(await verifyPasskeyAssertion(db, { token, purpose: "passkey-login", response: authenticator.authenticate(options), ip: IP }, RP)).toEqual({ ok: false, reason: "expired" });
  });

  it("are checked against the one issued: an answer signed over another challenge is refused", async () => {
    const { authenticator } = await personWithPasskey();
    const result = await signIn(authenticator, () => authenticator.authenticate({ challenge: Buffer.from("a challenge of my own").toString("base64url") }));
    expect(result).toEqual({ ok: false, reason: "invalid" });
  });

  it("of one purpose do not pass for another", async () => {
    const { person, authenticator } = await personWithPasskey();
    const { options, token } = await startPasskeyAssertion(db, "passkey-confirm", person, RP);
    expect(await verifyPasskeyAssertion(db, { token, purpose: "passkey-login", response: authenticator.authenticate(options), ip: IP }, RP)).toEqual({ ok: false, reason: "expired" });
  });
});

describe("passkey sign-in", () => {
  it("signs in with the passkey alone, records the login and when the passkey was last used", async () => {
    const { person, authenticator } = await personWithPasskey();
    const { options, token } = await startPasskeyAssertion(db, "passkey-login", null, RP);
    // completePasskeyLogin uses the app's own relying party; check verification with ours, then the recording.
    const result = await verifyPasskeyAssertion(db, { token, purpose: "passkey-login", response: authenticator.authenticate(options), ip: IP }, RP);
    expect(result.ok && result.user.id).toBe(person.id);
    expect((await listPasskeys(db, person))[0]!.lastUsedAt).not.toBeNull();
  });

  it("refuses a signature counter that did not go up (a cloned authenticator)", async () => {
    const { authenticator } = await personWithPasskey();
    expect((await signIn(authenticator)).ok).toBe(true);
    expect(await signIn(authenticator, (options) => authenticator.authenticate(options, { keepCounter: true }))).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses an answer without user verification, from another origin, and a removed passkey", async () => {
    const { person, authenticator, passkey } = await personWithPasskey();
    expect(await signIn(authenticator, (options) => authenticator.authenticate(options, { origin: "https://evil.example" }))).toEqual({ ok: false, reason: "invalid" });
    authenticator.userVerified = false;
    expect(await signIn(authenticator)).toEqual({ ok: false, reason: "invalid" });
    authenticator.userVerified = true;
    await removePasskey(db, person, passkey.id, IP);
    expect(await signIn(authenticator)).toEqual({ ok: false, reason: "invalid" });
  });

  it("opens nothing for an inactive person", async () => {
    const { person, authenticator } = await personWithPasskey();
    await db.user.update({ where: { id: person.id }, data: { active: false } });
    expect(await signIn(authenticator)).toEqual({ ok: false, reason: "invalid" });
  });

  it("is throttled after repeated failures", async () => {
    const { authenticator } = await personWithPasskey();
    let last: Awaited<ReturnType<typeof signIn>> | undefined;
    for (let i = 0; i < 30 && !(last && !last.ok && last.reason === "throttled"); i++) last = await signIn(authenticator, (options) => authenticator.authenticate(options, { origin: "https://evil.example" }));
    expect(last).toMatchObject({ ok: false, reason: "throttled" });
    expect(await signIn(authenticator)).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("takes garbage as a failed attempt, not an error", async () => {
    const { options, token } = await startPasskeyAssertion(db, "passkey-login", null, RP);
    expect(options.challenge).toBeTruthy();
    expect(await completePasskeyLogin(db, token, "{not json", IP)).toEqual({ ok: false, reason: "invalid" });
  });

  it("confirming it's you takes only the person's own passkey", async () => {
    const { person } = await personWithPasskey();
    const other = await personWithPasskey();
    const { options, token } = await startPasskeyAssertion(db, "passkey-confirm", person, RP);
    expect(options.allowCredentials?.length).toBe(1);
    expect(await verifyPasskeyAssertion(db, { token, purpose: "passkey-confirm", response: other.authenticator.authenticate(options), ip: IP, onlyFor: person.id }, RP)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("managing passkeys", () => {
  it("renames and removes only the caller's own: anyone else's id is not found", async () => {
    const { person, passkey } = await personWithPasskey();
    const stranger = asCaller(await newStaff(db));
    await expect(renamePasskey(db, stranger, passkey.id, "Mine now", IP)).rejects.toBeInstanceOf(NotFoundError);
    await expect(removePasskey(db, stranger, passkey.id, IP)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listPasskeys(db, person))[0]!.name).toBe("Chrome 156 on Linux");

    await renamePasskey(db, person, passkey.id, "Work laptop", IP);
    expect((await listPasskeys(db, person))[0]!.name).toBe("Work laptop");
    await removePasskey(db, person, passkey.id, IP);
    expect(await listPasskeys(db, person)).toEqual([]);
    expect(await hasTwoFactor(db, person.id)).toBe(false);
  });
});
