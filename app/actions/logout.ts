"use server";
import { redirect } from "next/navigation";
import { signOut } from "@/lib/auth/auth";

/** Ends this browser's session: Auth.js' signOut event deletes the session row. */
export async function logout(): Promise<void> {
  await signOut({ redirect: false });
  redirect("/login");
}
