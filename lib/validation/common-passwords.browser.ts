// The browser does not download the list of common passwords; the server checks it, and its
// answer appears next to the field like any other error.
export function isCommonPassword(_password: string): boolean {
  return false;
}
