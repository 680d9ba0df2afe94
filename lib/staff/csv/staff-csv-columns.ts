// The staff CSV's columns (PRODUCT.md, "Bringing people in"), shared by the export and the
// import so that an exported file imports back unchanged.
import type { StaffJson } from "../staff-json.ts";

export const STAFF_CSV_COLUMNS = ["email", "first_name", "last_name", "username", "subject_group", "roles", "active"] as const;
export type StaffCsvColumn = (typeof STAFF_CSV_COLUMNS)[number];

/** Roles are one cell, separated by ";" (the file's separator may be "," or ";": the cell is quoted then). */
export const ROLE_SEPARATOR = ";";

export function staffCsvRecord(person: StaffJson): Record<StaffCsvColumn, string> {
  return {
    email: person.email,
    first_name: person.firstName,
    last_name: person.lastName,
    username: person.username ?? "",
    subject_group: person.subjectGroup?.name ?? "",
    roles: [...person.roles].sort().join(ROLE_SEPARATOR),
    active: person.active ? "true" : "false",
  };
}
