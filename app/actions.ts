"use server";

import { signOut } from "@/lib/http/auth";

/** The "Sign out" button of the dashboard and admin layouts: ends the Redis session (events.signOut in lib/http/auth.ts) and clears the cookie. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
