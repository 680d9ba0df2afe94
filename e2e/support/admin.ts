// Fixtures for the administration specs: subject groups made by a test (through the UI or
// the service) are deleted afterwards, and a fresh administrator per test keeps tests
// independent of each other and of the suite's first admin.
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { createSubjectGroup, nameKeyOf } from "../../lib/subject-groups/subject-group-service";
import { SYSTEM } from "../../lib/identity/caller";
import { expect, test as base, type Person } from "./fixtures";

type AdminFixtures = {
  /** A unique group name, remembered so that the group (if made) is deleted afterwards. */
  groupName: (label?: string) => string;
  /** A group made through the service. */
  createGroup: (label?: string) => Promise<{ id: number; name: string }>;
  /** A fresh administrator, logged in on `page`. */
  loggedInAdmin: Person;
};

export const test = base.extend<AdminFixtures>({
  groupName: async ({ db }, use) => {
    const names: string[] = [];
    await use((label = "Group") => {
      const name = `${label} ${randomUUID().slice(0, 8)}`;
      names.push(name);
      return name;
    });
    const keys = names.flatMap((name) => [nameKeyOf(name), nameKeyOf(`${name} renamed`)]);
    const groups = await db.subjectGroup.findMany({ where: { nameKey: { in: keys } }, select: { id: true } });
    const ids = groups.map((group) => group.id);
    await db.user.updateMany({ where: { subjectGroupId: { in: ids } }, data: { subjectGroupId: null } });
    await db.subjectGroup.deleteMany({ where: { id: { in: ids } } });
  },

  createGroup: async ({ db, groupName }, use) => {
    await use(async (label) => {
      const group = await createSubjectGroup(db, SYSTEM, groupName(label));
      return { id: group.id, name: group.name };
    });
  },

  loggedInAdmin: async ({ page, createPerson, login }, use) => {
    const admin = await createPerson({ roles: ["admin", "staff"], firstName: "Ada", lastName: `Admin ${randomUUID().slice(0, 4)}` });
    await login(page, admin);
    await use(admin);
  },
});

/** Finds one person in the staff list by searching for their (unique) email. */
export async function searchStaff(page: Page, text: string): Promise<void> {
  await page.getByLabel("Search staff").fill(text);
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL((url) => url.pathname === "/admin/staff" && url.searchParams.get("q") === text);
}

export { expect };
