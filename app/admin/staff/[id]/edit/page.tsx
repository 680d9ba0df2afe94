import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/admin/action-form";
import { firstParam, formatCount, formatDateTime } from "@/components/admin/format";
import { ADMIN_NOTICES } from "@/components/admin/notices";
import { StaffForm } from "@/components/admin/staff-form";
import { Notice } from "@/components/layout/notice";
import { requireRole } from "@/lib/auth/dal";
import { db } from "@/lib/db/client";
import { getStaffAccountState, listRoles } from "@/lib/staff/staff-queries";
import { getStaff } from "@/lib/staff/staff-service";
import { subjectGroupOptions } from "@/lib/subject-groups/subject-group-service";
import { orNotFound } from "../../../load";
import { endAllSessionsAction, resetTwoFactorAction, sendInvitationAction, sendPasswordResetAction, unlockStaffAction, updateStaffAction } from "../../actions";
import "@/components/admin/admin.css";

export const metadata: Metadata = { title: "Edit staff" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function EditStaffPage({ params, searchParams }: Props) {
  const user = await requireRole("admin");
  const { id } = await params;
  const person = await orNotFound(getStaff(db, user, id));
  const [roles, subjectGroups, access] = await Promise.all([
    listRoles(db, user),
    subjectGroupOptions(db, user),
    getStaffAccountState(db, user, person.id, person.email),
  ]);
  const name = `${person.firstName} ${person.lastName}`;
  const yourself = person.id === user.id;

  return (
    <main id="main" className="page">
      <h1>Edit staff: {name}</h1>
      <Notice code={firstParam((await searchParams).notice)} notices={ADMIN_NOTICES} />
      {yourself ? (
        <p className="hint admin-note">
          This is your own account. Taking away your admin role, deactivating yourself or setting a new password here logs you out.
        </p>
      ) : null}
      <StaffForm
        mode="edit"
        action={updateStaffAction.bind(null, person.id)}
        initial={{
          email: person.email,
          firstName: person.firstName,
          lastName: person.lastName,
          subjectGroupId: person.subjectGroup ? String(person.subjectGroup.id) : "",
          roles: person.roles,
          active: person.active,
        }}
        roles={roles}
        subjectGroups={subjectGroups}
        cancelHref="/admin/staff"
      />

      <section className="admin-section" aria-labelledby="access-heading">
        <h2 id="access-heading">Access</h2>
        <dl className="admin-facts">
          <dt>Created</dt>
          <dd>
            <time dateTime={person.createdAt}>{formatDateTime(person.createdAt)}</time>
          </dd>
          <dt>Last login</dt>
          <dd>{person.lastLoginAt ? <time dateTime={person.lastLoginAt}>{formatDateTime(person.lastLoginAt)}</time> : person.invited ? "never (invited)" : "never"}</dd>
          <dt>Logins</dt>
          <dd>{access.loginCount}</dd>
          <dt>Open sessions</dt>
          <dd>{formatCount(access.openSessions, "session", "sessions")}</dd>
          <dt>API tokens</dt>
          <dd>{formatCount(access.apiTokens, "token", "tokens")}</dd>
          <dt>Login</dt>
          <dd>{access.locked ? "locked after too many failed attempts" : "not locked"}</dd>
          <dt>Two-factor</dt>
          <dd>{person.twoFactor ? "on" : "off"}</dd>
        </dl>
        <div className="admin-actions">
          <ActionForm id="unlock" action={unlockStaffAction.bind(null, person.id)} submitLabel="Unlock login" />
          <ActionForm id="logout-everywhere" action={endAllSessionsAction.bind(null, person.id)} submitLabel="Log out everywhere" />
          <ActionForm id="reset-two-factor" action={resetTwoFactorAction.bind(null, person.id)} submitLabel="Reset two-factor" />
        </div>
        <div className="admin-actions">
          {person.invited ? <ActionForm id="invite-again" action={sendInvitationAction.bind(null, person.id)} submitLabel="Send invitation again" /> : null}
          {person.active ? <ActionForm id="send-reset" action={sendPasswordResetAction.bind(null, person.id)} submitLabel="Send password reset" /> : null}
        </div>
        <p>
          <Link href={`/admin/audit?person=${encodeURIComponent(person.id)}`}>Audit log for {name}</Link>
        </p>
        <p>
          <Link href={`/admin/staff/${encodeURIComponent(person.id)}/delete`}>Delete {name}</Link>
        </p>
      </section>
    </main>
  );
}
