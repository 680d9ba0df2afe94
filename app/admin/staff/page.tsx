import type { Metadata } from "next";
import { IntentLink } from "@/components/layout/intent-link";
import { firstParam, formatCount, formatDateTime } from "@/components/admin/format";
import { EditDeleteCell, ListSearch, PagedTable } from "@/components/admin/list-parts";
import { ADMIN_NOTICES } from "@/components/admin/notices";
import { queryString } from "@/components/admin/pagination";
import { Notice } from "@/components/layout/notice";
import { requireRole } from "@/lib/auth/dal";
import { db } from "@/lib/db/client";
import { listStaff, STAFF_PAGE_SIZE as PAGE_SIZE } from "@/lib/staff/staff-queries";
import { listQueryFrom } from "@/lib/validation/list-query";
import "@/components/admin/admin.css";
import { ColumnHeadersWithActions } from "@/components/layout/table-region";

export const metadata: Metadata = { title: "Staff" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function StaffListPage({ searchParams }: Props) {
  const user = await requireRole("admin");
  const params = await searchParams;
  const query = listQueryFrom(params, PAGE_SIZE);
  const { staff, total, page } = await listStaff(db, user, query);
  const hrefFor = (target: number) => `/admin/staff${queryString({ q: query.q, page: target })}`;

  return (
    <main id="main" className="page">
      <div className="page-header">
        <h1>Staff</h1>
        <div className="page-actions">
          {/* A download, not a page: a plain link, so that the client router leaves it alone. */}
          <a className="button" href={`/admin/staff/export.csv${queryString({ q: query.q })}`} download>
            Export CSV
          </a>
          <IntentLink className="button" href="/admin/staff/import">
            Import CSV
          </IntentLink>
          <IntentLink className="button primary" href="/admin/staff/new">
            New staff
          </IntentLink>
        </div>
      </div>
      <Notice code={firstParam(params.notice)} notices={ADMIN_NOTICES} />

      <ListSearch action="/admin/staff" id="staff-search" label="Search staff" name="q" value={query.q} maxLength={100} placeholder="Name or email" button="Search" clearLabel="Show everyone" />

      <p className="admin-summary" role="status">
        {query.q ? `${formatCount(total, "match", "matches")} for “${query.q}”` : formatCount(total, "staff member", "staff members")}
      </p>

      <PagedTable label="Staff" pagesLabel="Staff pages" rows={staff.length} empty="Nobody matches." paging={{ page, pageSize: PAGE_SIZE, total, hrefFor }}>
        <table className="data">
          <caption className="visually-hidden">Staff, sorted by last name</caption>
          <ColumnHeadersWithActions columns={["Name", "Email", "Subject group", "Roles", "Active", "Two-factor", "Last login"]} />
          <tbody>
            {staff.map((person) => {
              const name = `${person.firstName} ${person.lastName}`;
              return (
                <tr key={person.id}>
                  <th scope="row">{name}</th>
                  <td>{person.email}</td>
                  <td>{person.subjectGroup?.name ?? <span className="muted">none</span>}</td>
                  <td>{person.roles.length > 0 ? person.roles.join(", ") : <span className="muted">none</span>}</td>
                  <td>{person.active ? "Yes" : <span className="status-inactive">No</span>}</td>
                  <td>{person.twoFactor ? "On" : "Off"}</td>
                  <td className="nowrap">
                    {person.lastLoginAt ? <time dateTime={person.lastLoginAt}>{formatDateTime(person.lastLoginAt)}</time> : person.invited ? <span className="muted">Invited</span> : <span className="muted">never</span>}
                  </td>
                  <EditDeleteCell base={`/admin/staff/${encodeURIComponent(person.id)}`} name={name} />
                </tr>
              );
            })}
          </tbody>
        </table>
      </PagedTable>
    </main>
  );
}
