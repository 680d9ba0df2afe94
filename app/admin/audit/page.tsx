import type { Metadata } from "next";
import Link from "next/link";
import { describeDetails } from "@/components/admin/audit-details";
import { firstParam, formatCount, formatDateTime } from "@/components/admin/format";
import { ListSearch, PagedTable } from "@/components/admin/list-parts";
import { queryString } from "@/components/admin/pagination";
import { listAuditEvents, type AuditEventJson, type AuditFilter, type AuditPerson } from "@/lib/audit/audit-queries";
import { requireRole } from "@/lib/auth/dal";
import { db } from "@/lib/db/client";
import { auditQuerySchema } from "@/lib/validation/audit";
import "@/components/admin/admin.css";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function PersonLink({ person }: { person: AuditPerson }) {
  const label = person.email || person.id || "unknown";
  if (!person.id) return <>{label}</>;
  // One per entry: no prefetch, or every entry shown would cost a render of the log.
  return (
    <Link href={`/admin/audit${queryString({ person: person.id })}`} prefetch={false}>
      {label}
    </Link>
  );
}

/** Who acted: a person, the system (command line, start-up), or nobody (a failed login). */
function Actor({ entry }: { entry: AuditEventJson }) {
  if (entry.actor) return <PersonLink person={entry.actor} />;
  return <span className="muted">{entry.action === "login.failed" ? "not logged in" : "system"}</span>;
}

function filterText(filter: AuditFilter): string {
  if (!filter) return "";
  if (filter.kind === "account") return `Entries about ${filter.email}`;
  if (filter.kind === "email") return `Entries about ${filter.email} (no account has this email now)`;
  return `Entries about the account ${filter.id} (it no longer exists)`;
}

export default async function AuditLogPage({ searchParams }: Props) {
  const user = await requireRole("admin");
  const params = await searchParams;
  const parsed = auditQuerySchema.safeParse({ person: firstParam(params.person), page: firstParam(params.page) });
  const query = parsed.success ? { ...parsed.data, pageSize: PAGE_SIZE } : { person: "", page: 1, pageSize: PAGE_SIZE };
  const { entries, total, page, filter } = await listAuditEvents(db, user, query);
  const hrefFor = (target: number) => `/admin/audit${queryString({ person: query.person, page: target })}`;

  return (
    <main id="main" className="page">
      <h1>Audit log</h1>
      <ListSearch action="/admin/audit" id="audit-person" label="Person" name="person" value={query.person} maxLength={254} placeholder="Email or staff id" button="Filter" clearLabel="Show everything" />
      <p className="admin-summary" role="status">
        {[filterText(filter), formatCount(total, "entry", "entries")].filter(Boolean).join(": ")}, newest first
      </p>
      <PagedTable label="Audit log entries" pagesLabel="Audit log pages" rows={entries.length} empty="No entries." paging={{ page, pageSize: PAGE_SIZE, total, hrefFor }}>
        <table className="data">
          <caption className="visually-hidden">Audit log, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Whom</th>
              <th scope="col">Details</th>
              <th scope="col">IP address</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="nowrap">
                  <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
                </td>
                <td>
                  <Actor entry={entry} />
                </td>
                <td>{entry.label}</td>
                <td>{entry.target ? <PersonLink person={entry.target} /> : null}</td>
                <td className="audit-details">{describeDetails(entry)}</td>
                <td>{entry.ip ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </PagedTable>
    </main>
  );
}
