// Look-alike text: invisible format characters (Unicode category Cf: zero-width spaces,
// right-to-left overrides) and lone surrogates are refused in every text field with 422 and
// the field named; names are NFC-normalised before they are compared, so "Mathématiques"
// typed with a combining accent is the same group. lib/validation/fields.ts, textFieldSchema.
import type { Person } from "../support/fixtures";
import { createApiToken } from "../../lib/tokens/token-service";
import { asCurrentUser, expect, test, unique } from "../support/security";

const LOOK_ALIKES = {
  "a zero-width space": "\u200b",
  "a right-to-left override": "\u202e",
  "a zero-width non-joiner": "\u200c",
  "a byte order mark": "\ufeff",
};

async function bearer(db: Parameters<typeof createApiToken>[0], person: Person) {
  return { Authorization: `Bearer ${(await createApiToken(db, asCurrentUser(person), "text")).token}`, "Content-Type": "application/json" };
}

/** The body as JSON text: JSON.stringify writes a lone surrogate as the escape \ud800, as a script would send it. */
const json = (value: Record<string, unknown>) => JSON.stringify(value);

test("every text field of the API refuses format characters and lone surrogates with 422, naming the field", async ({ request, createPerson, db, groupName }) => {
  const admin = await createPerson({ roles: ["admin", "staff"] });
  const headers = await bearer(db, admin);
  const endpoints = [
    { path: "/api/v1/subject-groups", field: "name", body: (text: string) => ({ name: text }) },
    { path: "/api/v1/todos", field: "title", body: (text: string) => ({ title: text }) },
    { path: "/api/v1/tokens", field: "name", body: (text: string) => ({ name: text }) },
    { path: "/api/v1/staff", field: "firstName", body: (text: string) => ({ email: `${unique()}@text.test`, firstName: text, lastName: "Look", password: "Correct-horse-battery-42" }) },
    { path: "/api/v1/staff", field: "lastName", body: (text: string) => ({ email: `${unique()}@text.test`, firstName: "Look", lastName: text, password: "Correct-horse-battery-42" }) },
  ];
  const texts: [string, string][] = [...Object.entries(LOOK_ALIKES).map(([label, character]): [string, string] => [label, `Maths${character}${unique()}`]), ["a lone surrogate", `x\ud800y${unique()}`]];
  for (const { path, field, body } of endpoints) {
    for (const [label, text] of texts) {
      const answer = await request.post(path, { headers, data: json(body(text)) });
      expect(answer.status(), `${path} ${field} with ${label}`).toBe(422);
      const error = (await answer.json()).error;
      expect(Object.keys(error.fields ?? {}), `${path} with ${label}: the field named`).toContain(field);
    }
  }
  // The ordinary name still works, and an emoji built with joiners is text.
  const ordinary = await request.post("/api/v1/subject-groups", { headers, data: json({ name: groupName("Maths") }) });
  expect(ordinary.status()).toBe(201);
  const emoji = await request.post("/api/v1/todos", { headers, data: json({ title: "Lab coats for the 👩‍🔬 club" }) });
  expect(emoji.status()).toBe(201);
});

test("a name typed with a combining accent is the same name (NFC before uniqueness)", async ({ request, createPerson, db, groupName }) => {
  const headers = await bearer(db, await createPerson({ roles: ["admin", "staff"] }));
  const composed = groupName("Mathématiques");
  const first = await request.post("/api/v1/subject-groups", { headers, data: json({ name: composed }) });
  expect(first.status()).toBe(201);
  const decomposed = composed.normalize("NFD");
  expect(decomposed).not.toBe(composed);
  const second = await request.post("/api/v1/subject-groups", { headers, data: json({ name: decomposed }) });
  expect(second.status(), "the same name, decomposed").toBe(409);
});

test("the subject group form says what is wrong next to the Name field", async ({ page, loggedInAdmin: _admin }) => {
  await page.goto("/admin/subject-groups/new");
  await page.getByLabel("Name").fill(`Maths\u200b${unique()}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Remove invisible formatting characters, such as zero-width spaces or direction marks.")).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/subject-groups\/new/);
});
