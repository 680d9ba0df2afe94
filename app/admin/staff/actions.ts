"use server";
// The staff screens' server actions. Each is made with formAction (the caller must be an
// admin; only the form's fields are read; the form's schema validates) and calls the one
// staff service, which checks the caller and the rules again where the data changes.
import { redirect } from "next/navigation";
import { z } from "zod";
import { withNotice } from "@/components/admin/notices";
import { findSessionUser } from "@/lib/auth/sessions";
import { resetTwoFactor } from "@/lib/auth/two-factor/two-factor-service";
import { db } from "@/lib/db/client";
import { boundStaffId } from "@/lib/forms/bound-arguments";
import { formAction, type ActionContext } from "@/lib/forms/form-action";
import type { FormState } from "@/lib/forms/form-state";
import { createStaff, deleteStaff, endAllSessions, unlockStaff, updateStaff } from "@/lib/staff/staff-service";
import { staffFormSchema } from "@/lib/validation/staff";

const STAFF_FIELDS = {
  text: ["email", "firstName", "lastName", "subjectGroupId", "active"],
  lists: ["roles"],
  secret: ["password", "confirmPassword"],
} as const;

const NO_FIELDS = {} as const;
const noInput = z.object({});

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
    // The schema requires a password on create; this only narrows the type.
    if (!password) return { status: "error", errors: { password: ["Enter a password."] } };
    await createStaff(db, user, { ...person, username: null, password }, { ip });
    redirect(withNotice("/admin/staff", "staff-created"));
  },
});

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

export async function deleteStaffAction(boundId: string, previous: FormState, formData: FormData): Promise<FormState> {
  const id = boundStaffId(boundId);
  return formAction({
    fields: NO_FIELDS,
    schema: noInput,
    role: "admin",
    async run(_input, context) {
      await deleteStaff(db, context.user, id, { ip: context.ip });
      if (id === context.user.id) await leaveIfLoggedOut(context);
      redirect(withNotice("/admin/staff", "staff-deleted"));
    },
  })(previous, formData);
}

export async function unlockStaffAction(boundId: string, previous: FormState, formData: FormData): Promise<FormState> {
  const id = boundStaffId(boundId);
  return formAction({
    fields: NO_FIELDS,
    schema: noInput,
    role: "admin",
    async run(_input, { user, ip }) {
      await unlockStaff(db, user, id, { ip });
      redirect(withNotice(editHref(id), "staff-unlocked"));
    },
  })(previous, formData);
}

export async function endAllSessionsAction(boundId: string, previous: FormState, formData: FormData): Promise<FormState> {
  const id = boundStaffId(boundId);
  return formAction({
    fields: NO_FIELDS,
    schema: noInput,
    role: "admin",
    async run(_input, context) {
      await endAllSessions(db, context.user, id, { ip: context.ip });
      if (id === context.user.id) await leaveIfLoggedOut(context);
      redirect(withNotice(editHref(id), "staff-logged-out"));
    },
  })(previous, formData);
}

/** Removes someone's authenticator app, recovery codes and passkeys, and ends their sessions. */
export async function resetTwoFactorAction(boundId: string, previous: FormState, formData: FormData): Promise<FormState> {
  const id = boundStaffId(boundId);
  return formAction({
    fields: NO_FIELDS,
    schema: noInput,
    role: "admin",
    async run(_input, context) {
      await resetTwoFactor(db, context.user, id, { ip: context.ip });
      if (id === context.user.id) await leaveIfLoggedOut(context);
      redirect(withNotice(editHref(id), "two-factor-reset"));
    },
  })(previous, formData);
}
