import { siteUrl } from "@/lib/site";

export function verificationMail({ name, token }: { name: string; token: string }) {
  const link = siteUrl(`/verify-email?token=${encodeURIComponent(token)}`);
  return {
    subject: "Verify your email for Zen Bali",
    text: `Hello ${name},\n\nPlease verify your email address to publish events on Zen Bali:\n\n${link}\n\nThe link is valid for 24 hours and can be used once. If you did not sign up, you can ignore this email.\n\nZen Bali`,
  };
}

export function passwordResetMail({ name, token }: { name: string; token: string }) {
  const link = siteUrl(`/reset-password?token=${encodeURIComponent(token)}`);
  return {
    subject: "Reset your Zen Bali password",
    text: `Hello ${name},\n\nSomeone asked to reset the password of your Zen Bali account. To choose a new password, open:\n\n${link}\n\nThe link is valid for 1 hour and can be used once. If it was not you, ignore this email: your password stays as it is.\n\nZen Bali`,
  };
}
