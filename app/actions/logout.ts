"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/auth";
import { rememberLoggedOut } from "../login/logged-out-notice";

/** Ends this browser's session: Auth.js' signOut event deletes the session row. */
export async function logout(): Promise<void> {
  await signOut({ redirect: false });
  rememberLoggedOut(await cookies());
  redirect("/login");
}
