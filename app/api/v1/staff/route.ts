import { apiRoute, created, otherMethods } from "@/lib/api/api-route";
import { adminListRoute } from "@/lib/api/resource-route";
import { db } from "@/lib/db/client";
import { listStaff } from "@/lib/staff/staff-queries";
import { smtpUrl } from "@/lib/config/env";
import { createStaffAndInvite } from "@/lib/staff/staff-service";
import { staffCreateBodySchema } from "@/lib/validation/staff";

export const GET = adminListRoute((user, query) => listStaff(db, user, query));

export const POST = apiRoute({
  access: "admin",
  body: staffCreateBodySchema,
  handler: async ({ user, body, ip }) => {
    const result = await createStaffAndInvite(db, user, body, { ip });
    // Without a mail server the administrator passes the invitation on themselves.
    const link = result.invitation && !smtpUrl() ? { invitationLink: result.invitation.link } : {};
    return created({ user: result.user, ...link });
  },
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
