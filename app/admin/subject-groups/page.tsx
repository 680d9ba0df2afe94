import type { Metadata } from "next";
import { IntentLink } from "@/components/layout/intent-link";
import { firstParam, formatCount } from "@/components/admin/format";
import { EditDeleteCell, PagedTable } from "@/components/admin/list-parts";
import { ADMIN_NOTICES } from "@/components/admin/notices";
import { queryString } from "@/components/admin/pagination";
import { Notice } from "@/components/layout/notice";
import { requireRole } from "@/lib/auth/dal";
import { db } from "@/lib/db/client";
import { listSubjectGroups } from "@/lib/subject-groups/subject-group-service";
import { listQueryFrom } from "@/lib/validation/list-query";
import "@/components/admin/admin.css";
import { ColumnHeadersWithActions } from "@/components/layout/table-region";

export const metadata: Metadata = { title: "Subject groups" };

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SubjectGroupsPage({ searchParams }: Props) {
  const user = await requireRole("admin");
  const params = await searchParams;
  // No search here: only the page number is read.
  const { page } = listQueryFrom({ page: params.page }, PAGE_SIZE);
  const { subjectGroups, total } = await listSubjectGroups(db, user, { q: "", page, pageSize: PAGE_SIZE });

  return (
    <main id="main" className="page">
      <div className="page-header">
        <h1>Subject groups</h1>
        <IntentLink className="button primary" href="/admin/subject-groups/new">
          New subject group
        </IntentLink>
      </div>
      <Notice code={firstParam(params.notice)} notices={ADMIN_NOTICES} />
      <p className="admin-summary">{formatCount(total, "subject group", "subject groups")}</p>
      <PagedTable label="Subject groups" pagesLabel="Subject group pages" rows={subjectGroups.length} empty="There are no subject groups yet." paging={{ page, pageSize: PAGE_SIZE, total, hrefFor: (target) => `/admin/subject-groups${queryString({ page: target })}` }}>
        <table className="data">
          <caption className="visually-hidden">Subject groups, with the number of staff in each</caption>
          <ColumnHeadersWithActions columns={["Name", "Staff"]} />
          <tbody>
            {subjectGroups.map((group) => (
              <tr key={group.id}>
                <th scope="row">{group.name}</th>
                <td>{group.staffCount}</td>
                <EditDeleteCell base={`/admin/subject-groups/${group.id}`} name={group.name} />
              </tr>
            ))}
          </tbody>
        </table>
      </PagedTable>
    </main>
  );
}
