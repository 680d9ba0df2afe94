// The two mails Staffroom sends. Subjects as PRODUCT.md has them; plain text first, and an
// HTML part that says the same in simple, semantic markup with the link written out in
// full (a reader who cannot click can still copy it).
import type { OutgoingMail } from "../mail/outbox.ts";

export const RESET_SUBJECT = "Reset your Staffroom password";
export const INVITATION_SUBJECT = "You have been invited to Staffroom";

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

function htmlBody(title: string, paragraphs: string[], link: string, linkText: string): string {
  const safeLink = escapeHtml(link);
  return [
    "<!doctype html>",
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;">',
    `<h1 style="font-size: 20px;">${escapeHtml(title)}</h1>`,
    ...paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`),
    `<p><a href="${safeLink}">${escapeHtml(linkText)}</a></p>`,
    `<p>If the button or link does not work, copy this address into your browser:<br><span style="word-break: break-all;">${safeLink}</span></p>`,
    "</body></html>",
  ].join("\n");
}

type Person = { id: string; email: string; firstName: string };

export function resetMail(person: Person, link: string, minutes: number): OutgoingMail {
  const lines = [
    `Hello ${person.firstName},`,
    `Someone (we hope you) asked to reset the password of your Staffroom account, ${person.email}.`,
    `The link works once, for ${minutes} minutes. If you did not ask for it, you can ignore this mail: your password stays as it is.`,
  ];
  return {
    kind: "reset",
    to: person.email,
    userId: person.id,
    subject: RESET_SUBJECT,
    link,
    text: `${lines[0]}\n\n${lines[1]}\n\nChoose a new password here:\n${link}\n\n${lines[2]}\n`,
    html: htmlBody(RESET_SUBJECT, lines, link, "Choose a new password"),
  };
}

export function invitationMail(person: Person, link: string, days: number): OutgoingMail {
  const lines = [
    `Hello ${person.firstName},`,
    `An administrator has made you a Staffroom account, ${person.email}. Choose your password to start using it.`,
    `The link works once, for ${days} days. If it has expired, ask your administrator to send the invitation again.`,
  ];
  return {
    kind: "invitation",
    to: person.email,
    userId: person.id,
    subject: INVITATION_SUBJECT,
    link,
    text: `${lines[0]}\n\n${lines[1]}\n\nChoose your password here:\n${link}\n\n${lines[2]}\n`,
    html: htmlBody(INVITATION_SUBJECT, lines, link, "Choose your password"),
  };
}
