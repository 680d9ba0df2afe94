// /admin/staff/export.csv holds everyone's name and email: only administrators get it.
import { expect, expectLoginRedirect, loginCookie, SESSION_COOKIE, test } from "../support/security";

test("the staff export: nobody is sent to log in, a cookie that is no session too, a non-admin gets 403", async ({ request, createPerson }) => {
  expectLoginRedirect(await request.get("/admin/staff/export.csv?q=x", { maxRedirects: 0 }), "/admin/staff/export.csv");
  expectLoginRedirect(await request.get("/admin/staff/export.csv", { headers: { cookie: `${SESSION_COOKIE}=garbage` }, maxRedirects: 0 }), "/admin/staff/export.csv");
  const staff = await request.get("/admin/staff/export.csv", { headers: { cookie: await loginCookie(await createPerson()) }, maxRedirects: 0 });
  expect(staff.status()).toBe(403);
  expect(await staff.text()).not.toContain("@");
  const admin = await request.get("/admin/staff/export.csv", { headers: { cookie: await loginCookie(await createPerson({ roles: ["admin", "staff"] })) }, maxRedirects: 0 });
  expect(admin.status()).toBe(200);
  expect(await admin.text()).toContain("email,first_name,last_name,username,subject_group,roles,active");
});
