import type { TMail } from "./types";

/**
 * Links in mail carry single-use secrets (`/verify-email?token=…`,
 * `/reset-password?token=…`). Wherever a mail is kept outside the mailbox it
 * was sent to — the log, the job queue in Redis — those secrets are replaced
 * by "[redacted]", leaving the rest of the link readable:
 *
 *   https://zenbali.site/reset-password?token=[redacted]
 *
 * A query or fragment parameter is a secret when its name says so (token,
 * secret, code, key, signature, password, auth, otp, nonce, session, jwt…);
 * redacting one parameter too many is harmless, one too few is not.
 */

const REDACTED = "[redacted]";

const SECRET_PARAMETER = /token|secret|code|key|sig|pass|auth|otp|nonce|session|jwt|credential/i;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/** "a=1&token=xyz" → "a=1&token=[redacted]". */
function redactParameters(parameters: string): string {
  return parameters
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      if (equals < 0) return pair;
      const name = pair.slice(0, equals);
      return SECRET_PARAMETER.test(decodedName(name)) ? `${name}=${REDACTED}` : pair;
    })
    .join("&");
}

function redactUrl(url: string): string {
  const hash = url.indexOf("#");
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? null : url.slice(hash + 1);
  const question = beforeHash.indexOf("?");
  const base = question < 0 ? beforeHash : `${beforeHash.slice(0, question)}?${redactParameters(beforeHash.slice(question + 1))}`;
  return fragment === null ? base : `${base}#${fragment.includes("=") ? redactParameters(fragment) : fragment}`;
}

/** The text with every secret in its links replaced by "[redacted]". */
export function redactSecrets(text: string): string {
  return text.replace(URL_IN_TEXT, redactUrl);
}

/** True when the text has a link that carries a secret. */
function hasSecrets(text: string | undefined): boolean {
  return text !== undefined && redactSecrets(text) !== text;
}

/** The mail with the secrets in its text and HTML redacted (recipient, subject and kind unchanged). */
export function redactMail(mail: TMail): TMail {
  return { ...mail, text: redactSecrets(mail.text), ...(mail.html !== undefined ? { html: redactSecrets(mail.html) } : {}) };
}

/** Whether the mail has a secret anywhere (text or HTML). */
export function mailHasSecrets(mail: TMail): boolean {
  return hasSecrets(mail.text) || hasSecrets(mail.html);
}
