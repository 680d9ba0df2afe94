// The messages shown after an administrator's change (the seeds' flash messages). The
// action redirects with ?notice=<code>; the page looks the code up here, so only these
// fixed texts can ever appear, whatever the address says.
export const ADMIN_NOTICES = {
  "staff-created": { tone: "success", text: "The staff member has been created." },
  "staff-invited": { tone: "success", text: "The staff member has been created and sent an invitation to choose their password." },
  "invitation-sent": { tone: "success", text: "A new invitation has been sent. Earlier invitation links no longer work." },
  "reset-sent": { tone: "success", text: "A password reset link has been sent to them." },
  "staff-updated": { tone: "success", text: "The staff member has been saved." },
  "staff-deleted": { tone: "success", text: "The staff member has been deleted, with their todos, sessions and API tokens." },
  "staff-unlocked": { tone: "success", text: "Login is unlocked: the failed attempts have been cleared." },
  "staff-logged-out": { tone: "success", text: "They have been logged out everywhere." },
  "two-factor-reset": { tone: "success", text: "Their two-factor authentication has been reset and their sessions ended. They can log in with their password and set it up again." },
  "account-unlocked": { tone: "success", text: "The account is unlocked: its failed attempts have been cleared." },
  "address-unlocked": { tone: "success", text: "The address is unlocked: its failed attempts have been cleared." },
  "group-created": { tone: "success", text: "The subject group has been created." },
  "group-updated": { tone: "success", text: "The subject group has been saved." },
  "group-deleted": { tone: "success", text: "The subject group has been deleted." },
} as const satisfies Record<string, { tone: "success" | "error"; text: string }>;

export type AdminNoticeCode = keyof typeof ADMIN_NOTICES;

export function withNotice(path: string, code: AdminNoticeCode): string {
  return `${path}${path.includes("?") ? "&" : "?"}notice=${code}`;
}
