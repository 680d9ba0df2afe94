// An audit entry's details, in words. The details are what the domain recorded (field
// names, role names, counts); unknown shapes are left out rather than shown raw.
import type { AuditEventJson } from "@/lib/audit/audit-queries";

const FIELD_NAMES: Record<string, string> = {
  email: "email",
  firstName: "first name",
  lastName: "last name",
  username: "username",
  subjectGroup: "subject group",
};

const CHANNELS: Record<string, string> = { login: "login page", token: "API token request", basic: "HTTP Basic", confirm: "Confirm it's you" };

const strings = (value: unknown): string[] | null =>
  Array.isArray(value) && value.every((item) => typeof item === "string") ? (value as string[]) : null;

const roleList = (roles: string[]) => (roles.length > 0 ? roles.join(", ") : "no roles");

export function describeDetails(entry: Pick<AuditEventJson, "action" | "details">): string {
  const d = entry.details;
  switch (entry.action) {
    case "staff.created":
    case "signup.completed": {
      const roles = strings(d.roles);
      return [roles ? `roles: ${roleList(roles)}` : null, d.active === false ? "inactive" : null, d.invited === true ? "invited" : null].filter(Boolean).join("; ");
    }
    case "staff.updated": {
      const fields = strings(d.fields);
      return fields ? `changed: ${fields.map((field) => FIELD_NAMES[field] ?? field).join(", ")}` : "";
    }
    case "staff.roles_changed": {
      const from = strings(d.from);
      const to = strings(d.to);
      return from && to ? `${roleList(from)} → ${roleList(to)}` : "";
    }
    case "staff.sessions_revoked":
    case "sessions.ended_by_owner":
      return typeof d.sessions === "number" ? `${d.sessions} session${d.sessions === 1 ? "" : "s"} ended` : "";
    case "password.changed":
      return typeof d.sessionsEnded === "number" ? `${d.sessionsEnded} other session${d.sessionsEnded === 1 ? "" : "s"} ended` : "";
    case "login.succeeded":
    case "login.failed": {
      const channel = typeof d.channel === "string" ? `via ${CHANNELS[d.channel] ?? d.channel}` : "";
      return [channel, d.reason === "inactive" ? "account inactive" : null].filter(Boolean).join("; ");
    }
    case "login.throttled": {
      const channel = typeof d.channel === "string" ? `via ${CHANNELS[d.channel] ?? d.channel}` : "";
      const wait = typeof d.retryAfterSeconds === "number" ? `told to wait ${d.retryAfterSeconds} s` : "";
      return [channel, wait, "later refusals in this burst are not logged"].filter(Boolean).join("; ");
    }
    case "address.unlocked":
      return typeof d.address === "string" ? `address ${d.address}` : "";
    case "subject_group.created":
    case "subject_group.deleted":
      return typeof d.name === "string" ? d.name : "";
    case "subject_group.updated":
      return typeof d.from === "string" && typeof d.to === "string" ? `${d.from} → ${d.to}` : "";
    default:
      return "";
  }
}
