import { siteUrl } from "@/lib/site";
import type { TMail } from "@/lib/mail/types";

/**
 * To the owner of an address someone tried to register again. /register
 * answers exactly as for a new address (it never says that an account
 * exists); this mail tells the owner instead, with the ways back in.
 * (Kept beside the registration rather than in lib/mail/templates.ts; same shape.)
 */
export function accountExistsMail({ name }: { name: string }): Pick<TMail, "kind" | "subject" | "text"> {
  return {
    kind: "mail",
    subject: "Someone tried to register with your email on Zen Bali",
    text: [
      `Hello ${name},`,
      "Someone tried to create a Zen Bali account with this email address, but you already have one. If it was you, sign in:",
      siteUrl("/login"),
      "Forgot your password? Choose a new one here:",
      siteUrl("/forgot-password"),
      "If it was not you, you can ignore this email: nothing has changed on your account.",
      "Zen Bali",
    ].join("\n\n"),
  };
}
