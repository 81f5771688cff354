/** What the login page says for each failed sign-in; the same words whether or not the email has an account. */
export function logInErrorMessage(code: string | undefined): string {
  if (code?.startsWith("too_many_attempts_")) {
    const minutes = Number(code.slice("too_many_attempts_".length)) || 15;
    return `Too many attempts, try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
  }
  if (code === "account_deactivated") return "This account has been deactivated. Contact us if you think this is a mistake.";
  if (code === "unavailable") return "Signing in is temporarily unavailable. Please try again in a minute.";
  return "Email or password is incorrect.";
}
