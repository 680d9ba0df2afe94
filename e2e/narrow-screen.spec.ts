// On a phone (375 px wide) no page scrolls sideways: wide tables scroll inside their own
// labelled region, and every link of the header stays on the screen. Every page of the
// route table (e2e/support/routes.ts, which the security suite keeps complete) is checked.
import type { Page } from "@playwright/test";
import { PAGES } from "./support/routes";
import { expect, test } from "./support/security";

const PHONE = { width: 375, height: 812 };

test.use({ viewport: PHONE });

async function expectNoSidewaysScroll(page: Page, path: string) {
  const { width, culprits } = await page.evaluate((screen) => {
    // What sticks out, outside the scrolling regions: named in the failure, to be fixed.
    const culprits = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > screen && !element.parentElement?.closest("[role=region]"))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)} px)`);
    return { width: document.documentElement.scrollWidth, culprits };
  }, PHONE.width);
  expect(width, `${path} is ${width} px wide: ${culprits.join(", ")}`).toBeLessThanOrEqual(PHONE.width);
}

async function expectHeaderOnScreen(page: Page, path: string) {
  const banner = page.getByRole("banner");
  if ((await banner.count()) === 0) return;
  for (const item of await banner.locator("a, button").all()) {
    const box = (await item.boundingBox())!;
    expect(box.x, `${path}: "${await item.innerText()}" starts on the screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${path}: "${await item.innerText()}" ends on the screen`).toBeLessThanOrEqual(PHONE.width);
  }
}

test("no page scrolls sideways at 375 px, and the header's links stay on the screen", { tag: "@database-independent" }, async ({ page, createPerson, login, ids }) => {
  test.setTimeout(90_000);
  for (const route of PAGES.filter((entry) => entry.access === "public" && entry.ok === 200)) {
    await page.goto(route.path(ids));
    await expectNoSidewaysScroll(page, route.route);
  }

  // An administrator with a long name sees every page there is.
  const admin = await createPerson({ roles: ["admin", "staff"], firstName: "Bartholomew-Alexander", lastName: "Featherstonehaugh-Montgomery" });
  await login(page, admin);
  for (const route of PAGES.filter((entry) => entry.access !== "public")) {
    await page.goto(route.path(ids));
    await expectNoSidewaysScroll(page, route.route);
    await expectHeaderOnScreen(page, route.route);
  }
});

test("the staff table scrolls inside its own region, which the keyboard can reach", { tag: "@database-independent" }, async ({ page, createPerson, login }) => {
  const admin = await createPerson({ roles: ["admin", "staff"] });
  await login(page, admin);
  await page.goto("/admin/staff");
  const region = page.getByRole("region", { name: "Staff" });
  await expect(region).toHaveAttribute("tabindex", "0");
  const { scrollWidth, clientWidth } = await region.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
  expect(scrollWidth).toBeGreaterThan(clientWidth);
  await region.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
});
