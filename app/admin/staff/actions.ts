"use server";
// The staff screens' server actions. Each is made with formAction (the caller must be an
// admin; only the form's fields are read; the form's schema validates) and calls the one
// staff service, which checks the caller and the rules again where the data changes.
import { redirect } from "next/navigation";
import { z } from "zod";
import { withNotice, type AdminNoticeCode } from "@/components/admin/notices";
import { findSessionUser } from "@/lib/auth/sessions";
import { resetTwoFactor } from "@/lib/auth/two-factor/two-factor-service";
import { db } from "@/lib/db/client";
import { boundStaffId } from "@/lib/forms/bound-arguments";
import { formAction, type ActionContext } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { sendInvitation } from "@/lib/accounts/invitations";
import { sendPasswordResetFor } from "@/lib/accounts/password-reset";
import { smtpUrl } from "@/lib/config/env";
import { createStaffAndInvite, deleteStaff, endAllSessions, unlockStaff, updateStaff } from "@/lib/staff/staff-service";
import { staffFormSchema } from "@/lib/validation/staff";

const STAFF_FIELDS = {
  text: ["email", "firstName", "lastName", "subjectGroupId", "active"],
  lists: ["roles"],
  secret: ["password", "confirmPassword"],
} as const;

/** A button (no fields) that only an administrator may press. */
const adminButton = (run: (context: ActionContext) => Promise<FormState | undefined>) =>
  formAction({ fields: {}, schema: z.object({}), role: "admin", run: (_input, context) => run(context) });

const editHref = (id: string) => `/admin/staff/${encodeURIComponent(id)}/edit`;

/** An admin who just ended their own session (deactivated, demoted, new password, deleted) is logged out. */
async function leaveIfLoggedOut({ sessionToken }: ActionContext): Promise<void> {
  if (!(await findSessionUser(db, sessionToken))) redirect("/login");
}

export const createStaffAction = formAction({
  fields: STAFF_FIELDS,
  schema: staffFormSchema("create"),
  role: "admin",
  async run({ password, ...person }, { user, ip }) {
    // Blank password fields: the person is invited to choose their own.
    const { invitation } = await createStaffAndInvite(db, user, { ...person, username: null, password }, { ip });
    if (invitation && !smtpUrl()) {
      return { status: "success", message: `The staff member has been created. ${PASS_IT_ON}`, result: { link: invitation.link } };
    }
    redirect(withNotice("/admin/staff", invitation ? "staff-invited" : "staff-created"));
  },
});

/** Without SMTP_URL nothing leaves by mail: the administrator sees the link to pass on. */
const PASS_IT_ON = "No mail server is set up (SMTP_URL), so pass this link on to them yourself:";

/**
 * A button that mails someone a link (an invitation, a password reset). Without SMTP_URL
 * the administrator is shown the link instead (`made`: the sentence saying what was made).
 */
function linkButton(boundId: string, send: (context: ActionContext, id: string) => Promise<{ link: string }>, made: string, notice: AdminNoticeCode) {
  const id = boundStaffId(boundId);
  return adminButton(async (context) => {
    const { link } = await send(context, id);
    if (!smtpUrl()) return { status: "success", message: `${made} ${PASS_IT_ON}`, result: { link } };
    redirect(withNotice(editHref(id), notice));
  });
}

const actorOf = ({ user }: ActionContext) => ({ id: user.id, email: user.email });

export async function sendInvitationAction(boundId: string, previous: FormState, formData: FormData): Promise<FormState> {
  const send = (context: ActionContext, id: string) => sendInvitation(db, id, { actor: actorOf(context), ip: context.ip, again: true });
  return linkButton(boundId, send, "A new invitation has been made.", "invitation-sent")(previous, formData);
}

export async function sendPasswordResetAction(boundId: string, previous: FormState, formData: FormData): Promise<FormState> {
  const send = (context: ActionContext, id: string) => sendPasswordResetFor(db, id, { actor: actorOf(context), ip: context.ip });
  return linkButton(boundId, send, "A password reset link has been made.", "reset-sent")(previous, formData);
}

export async function updateStaffAction(boundId: string, previous: FormState, formData: FormData): Promise<FormState> {
  const id = boundStaffId(boundId);
  return formAction({
    fields: STAFF_FIELDS,
    schema: staffFormSchema("edit"),
    role: "admin",
    // The form has no Username field: leaving it out of the changes keeps the stored one.
    async run({ username: _notOnThisForm, ...changes }, context) {
      await updateStaff(db, context.user, id, changes, { ip: context.ip });
      if (id === context.user.id) await leaveIfLoggedOut(context);
      redirect(withNotice("/admin/staff", "staff-updated"));
    },
  })(previous, formData);
}

/**
 * A button on one person's screens (no fields): `change` is done as the administrator, who
 * is sent to the login page if it ended their own session, and otherwise to `next`.
 */
function personButton(boundId: string, change: (context: ActionContext, id: string) => Promise<unknown>, next: (id: string) => string) {
  const id = boundStaffId(boundId);
  return adminButton(async (context) => {
    await change(context, id);
    if (id === context.user.id) await leaveIfLoggedOut(context);
    redirect(next(id));
  });
}

export async function deleteStaffAction(boundId: string, previous: FormState, formData: FormData): Promise<FormState> {
  const change = ({ user, ip }: ActionContext, id: string) => deleteStaff(db, user, id, { ip });
  return personButton(boundId, change, () => withNotice("/admin/staff", "staff-deleted"))(previous, formData);
}

export async function unlockStaffAction(boundId: string, previous: FormState, formData: FormData): Promise<FormState> {
  const change = ({ user, ip }: ActionContext, id: string) => unlockStaff(db, user, id, { ip });
  return personButton(boundId, change, (id) => withNotice(editHref(id), "staff-unlocked"))(previous, formData);
}

export async function endAllSessionsAction(boundId: string, previous: FormState, formData: FormData): Promise<FormState> {
  const change = ({ user, ip }: ActionContext, id: string) => endAllSessions(db, user, id, { ip });
  return personButton(boundId, change, (id) => withNotice(editHref(id), "staff-logged-out"))(previous, formData);
}

/** Removes someone's authenticator app, recovery codes and passkeys, and ends their sessions. */
export async function resetTwoFactorAction(boundId: string, previous: FormState, formData: FormData): Promise<FormState> {
  const change = ({ user, ip }: ActionContext, id: string) => resetTwoFactor(db, user, id, { ip });
  return personButton(boundId, change, (id) => withNotice(editHref(id), "two-factor-reset"))(previous, formData);
}
