import "server-only";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/dal";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { getStaff } from "@/lib/staff/staff-service";
import { getSubjectGroup } from "@/lib/subject-groups/subject-group-service";

/** Loads what a page is about; something that does not exist is the 404 page. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/** A subject group id from the address: a positive whole number, or nothing to find. */
export function groupIdFrom(value: string): number {
  const id = Number(value);
  if (!/^\d{1,15}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

type IdParams = { params: Promise<{ id: string }> };

/** The staff member a page at /admin/staff/[id]/… is about, for an administrator. */
export async function staffPageSubject({ params }: IdParams) {
  const user = await requireRole("admin");
  return orNotFound(getStaff(db, user, (await params).id));
}

/** The subject group a page at /admin/subject-groups/[id]/… is about, for an administrator. */
export async function groupPageSubject({ params }: IdParams) {
  const user = await requireRole("admin");
  return orNotFound(getSubjectGroup(db, user, groupIdFrom((await params).id)));
}
