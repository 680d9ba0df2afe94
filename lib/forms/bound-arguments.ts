// The ids a page binds to its forms' actions (`deleteStaffAction.bind(null, person.id)`)
// come back from the browser with the post, so a client can send anything in their place:
// an object, a number, a 5 MB string. They are checked like a route's id before any query
// (Prisma answered a wrong type with a PrismaClientValidationError, a 500): what is no id
// names nothing, so the answer is the 404 page.
import "server-only";
import { notFound } from "next/navigation";
import { logRefusal } from "../http/refusal-log.ts";
import { numericIdParams, staffIdParams } from "../validation/params.ts";

function refuse(kind: string): never {
  logRefusal("POST", "(server action)", 404, `a bound ${kind} id that is no id`);
  notFound();
}

export function boundStaffId(value: unknown): string {
  const parsed = staffIdParams.shape.id.safeParse(value);
  return parsed.success ? parsed.data : refuse("staff");
}

export function boundNumericId(value: unknown, kind: string): number {
  const parsed = numericIdParams.shape.id.safeParse(typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value);
  return parsed.success ? parsed.data : refuse(kind);
}
