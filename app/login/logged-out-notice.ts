// "You have logged out." on the login page the logout lands on. The address stays /login
// (a notice code in the URL would be shown again by every bookmark and back button), so the
// logout leaves a short-lived cookie for that one page instead; logging in removes it.
import type { cookies } from "next/headers";
import { servedOverHttps } from "@/lib/config/env";

type CookieStore = Awaited<ReturnType<typeof cookies>>;

const COOKIE = "staffroom.logged-out";

export const LOGGED_OUT_NOTICES = { "logged-out": { tone: "success", text: "You have logged out." } } as const;

export function rememberLoggedOut(store: CookieStore) {
  store.set(COOKIE, "logged-out", { httpOnly: true, sameSite: "lax", path: "/login", maxAge: 60, secure: servedOverHttps() });
}

export const loggedOutNotice = (store: CookieStore): string | undefined => store.get(COOKIE)?.value;

export function forgetLoggedOut(store: CookieStore) {
  if (store.has(COOKIE)) store.set(COOKIE, "", { httpOnly: true, sameSite: "lax", path: "/login", maxAge: 0, secure: servedOverHttps() });
}
