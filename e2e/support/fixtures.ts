// Fixtures for every spec: people created through the app's own functions (and deleted
// afterwards), a login helper that drives the real form, an accessibility check, and a
// page that fails its test on any console error or uncaught exception.
import { randomInt, randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";
import { SYSTEM } from "../../lib/identity/caller";
import { createDb, type Db } from "../../lib/db/client";
import { createStaff } from "../../lib/staff/staff-service";
import { DATABASE_URL } from "./env";

export type Person = { id: string; email: string; password: string; firstName: string; lastName: string; roles: string[] };

type PersonOptions = { roles?: string[]; active?: boolean; firstName?: string; lastName?: string; password?: string; subjectGroupId?: number | null };

export const DEFAULT_PASSWORD = "Correct-horse-battery-42";

export function uniqueEmail(prefix = "person"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@e2e.test`;
}

export function randomClientIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

type Fixtures = {
  createPerson: (options?: PersonOptions) => Promise<Person>;
  login: (page: Page, person: Pick<Person, "email" | "password">, options?: { remember?: boolean }) => Promise<void>;
  expectAccessible: (page: Page) => Promise<void>;
  clientIp: string;
};

export const test = base.extend<Fixtures, { db: Db }>({
  db: [
    async ({}, use) => {
      const db = createDb(DATABASE_URL);
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],

  clientIp: async ({}, use) => use(randomClientIp()),
  // Every test is its own client address (the servers trust one proxy hop).
  extraHTTPHeaders: async ({ clientIp }, use) => use({ "x-forwarded-for": clientIp }),

  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
    page.on("console", (message) => {
      // A 4xx the test asked for (a 403 page, a refused request) is logged by Chromium too.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) problems.push(message.text());
    });
    await use(page);
    expect(problems, "console errors and uncaught exceptions").toEqual([]);
  },

  createPerson: async ({ db }, use) => {
    const created: string[] = [];
    await use(async (options = {}) => {
      const password = options.password ?? DEFAULT_PASSWORD;
      const person = await createStaff(db, SYSTEM, {
        email: uniqueEmail(options.roles?.includes("admin") ? "admin" : "staff"),
        firstName: options.firstName ?? "Pat",
        lastName: options.lastName ?? `Tester ${randomUUID().slice(0, 4)}`,
        username: null,
        subjectGroupId: options.subjectGroupId ?? null,
        roles: options.roles ?? ["staff"],
        active: options.active ?? true,
        password,
      });
      created.push(person.id);
      return { ...person, password };
    });
    // Tests may have deleted them already.
    await db.user.deleteMany({ where: { id: { in: created } } });
  },

  login: async ({}, use) => {
    await use(async (page, person, options = {}) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill(person.email);
      await page.getByLabel("Password").fill(person.password);
      if (options.remember) await page.getByLabel("Remember me").check();
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page).not.toHaveURL(/\/login/);
    });
  },

  expectAccessible: async ({}, use) => {
    await use(async (page) => {
      // A client-side navigation writes the new page's <title> after its content: scanning
      // before then would judge a page in between two. Every page has a title (axe checks it).
      await expect(page).toHaveTitle(/\S/);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
    });
  },
});

export { expect };
