// What the staff search box matches: name, email and username, lower-cased once when the
// account is saved. Lower-casing here (not in SQL) makes the search behave the same on
// SQLite and PostgreSQL, for any alphabet.
export function searchTextFor(person: { firstName: string; lastName: string; email: string; username?: string | null }): string {
  return [person.firstName, person.lastName, person.email, person.username ?? ""].join(" ").toLowerCase();
}

/** The search text as typed, in the form searchText is stored in (lib/db/like.ts escapes LIKE wildcards). */
export function searchNeedle(query: string): string {
  return query.trim().toLowerCase().replace(/\s+/g, " ");
}
