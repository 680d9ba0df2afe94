// Runs bcrypt off the main thread (see password.ts). Plain JavaScript: worker threads load
// this file directly, outside Next.js' bundler and TypeScript.
import bcrypt from "bcryptjs";

export function hash({ password, cost }) {
  return bcrypt.hash(password, cost);
}

export function compare({ password, hash }) {
  return bcrypt.compare(password, hash);
}
