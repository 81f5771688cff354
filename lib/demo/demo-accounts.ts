import { randomBytes } from "node:crypto";

// No imports from the app here: npm run demo reads these before the environment (and so the env module) is set up.

/** The organiser the seed creates with the demo events. */
export const DEMO_CREATOR_EMAIL = "demo.organiser@zenbali.example";
/** The admin npm run demo creates. */
export const DEMO_ADMIN_EMAIL = "admin@zenbali.example";

/** The demo's two sign-ins: an admin and the seeded demo organiser. */
export type TDemoLogins = { admin: { email: string; password: string }; creator: { email: string; password: string } };

/** Fresh logins for a new demo folder: random passwords that pass the password policy (long, not common). */
export function newDemoLogins(): TDemoLogins {
  const password = () => `demo-${randomBytes(12).toString("base64url")}`;
  return { admin: { email: DEMO_ADMIN_EMAIL, password: password() }, creator: { email: DEMO_CREATOR_EMAIL, password: password() } };
}
