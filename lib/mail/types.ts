/**
 * One outgoing email. `kind` names the mail for the job queue and the logs
 * (the templates set it); the rest is what is sent.
 */
export type TMailKind =
  | "verification"
  | "password-reset"
  | "payment-receipt"
  | "event-published"
  | "report-received"
  | "closed-day-cancelled"
  | "closed-day-flagged"
  | "closed-day-admin"
  | "subscription-confirm"
  | "digest"
  | "mail";

export type TMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind?: TMailKind;
  /**
   * When the single-use link in the mail stops working (ms since the epoch): verification 24 h, reset 1 h.
   * The queue keeps the full text only until then (lib/jobs/mail-secrets.ts); the log never has it.
   */
  secretUntil?: number;
  /**
   * Extra headers, for mail to subscribers: `List-Unsubscribe` (a URL and a mailto) and `List-Unsubscribe-Post:
   * List-Unsubscribe=One-Click` (RFC 8058), set as they are.
   */
  headers?: Record<string, string>;
};
