"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { endOtherOwnSessions, endOwnSession } from "@/lib/auth/own-sessions";
import { requireRecentConfirmation } from "@/lib/auth/reauth";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { clientIpFrom } from "@/lib/http/client-ip";

const PAGE = "/account/sessions";

export async function endSessionAction(formData: FormData): Promise<void> {
  const { user, sessionToken } = await requireRecentConfirmation(PAGE);
  const id = formData instanceof FormData ? formData.get("id") : null;
  try {
    if (typeof id !== "string" || id.length === 0 || id.length > 64) throw new NotFoundError("No such session.");
    await endOwnSession(db, user, id, { currentToken: sessionToken, ip: clientIpFrom(await headers()) });
  } catch (error) {
    if (error instanceof NotFoundError) redirect(`${PAGE}?notice=session-missing`);
    throw error;
  }
  redirect(`${PAGE}?notice=session-ended`);
}

export async function endOtherSessionsAction(): Promise<void> {
  const { user, sessionToken } = await requireRecentConfirmation(PAGE);
  await endOtherOwnSessions(db, user, { currentToken: sessionToken, ip: clientIpFrom(await headers()) });
  redirect(`${PAGE}?notice=others-ended`);
}
