"use server";

import { signOut } from "../auth";

/** Ends the Redis session (events.signOut in lib/auth/auth.ts) and clears the cookie. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
