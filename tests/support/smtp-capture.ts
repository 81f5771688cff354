/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1 that keeps every
 * message it receives, for tests of outgoing mail. Plain SMTP, no TLS, no auth.
 *
 *   const smtp = await startSmtpCapture();          // random free port
 *   process.env.SMTP_URL = smtp.url;
 *   const mail = await smtp.waitFor((m) => m.to.includes("a@b.test"));
 *   await smtp.close();                             // now nothing listens: "SMTP is down"
 *   const again = await startSmtpCapture({ port: smtp.port }); // and it is back
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type TCapturedMail = {
  /** RCPT TO addresses (lower case). */
  to: string[];
  from: string;
  subject: string;
  headers: Record<string, string>;
  /** The text body, transfer encoding decoded. */
  text: string;
  raw: string;
  receivedAt: Date;
};

export type TSmtpCapture = {
  readonly port: number;
  readonly url: string;
  readonly messages: TCapturedMail[];
  /** Resolves with the first (already received or arriving) message that matches, or rejects after `timeoutMs` (default 10 s). */
  waitFor(match?: (mail: TCapturedMail) => boolean, timeoutMs?: number): Promise<TCapturedMail>;
  /** Stops listening and drops open connections at once. */
  close(): Promise<void>;
};

export type TSmtpCaptureOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Recipients for which the server answers 550 (a permanent refusal). */
  rejectRecipient?: (address: string) => boolean;
};

function decodeQuotedPrintable(body: string): string {
  const bytes = Buffer.from(
    body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  );
  return bytes.toString("utf8");
}

/** Header block → map (lower-case names, folded lines unfolded). */
function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

function splitMessage(raw: string): { headers: Record<string, string>; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  if (end < 0) return { headers: parseHeaders(raw), body: "" };
  const separator = /\r?\n\r?\n/.exec(raw.slice(end))![0];
  return { headers: parseHeaders(raw.slice(0, end)), body: raw.slice(end + separator.length) };
}

/** The text/plain part (the whole body for a single-part message). */
function textOf(headers: Record<string, string>, body: string): string {
  const boundary = /boundary="?([^";]+)"?/i.exec(headers["content-type"] ?? "")?.[1];
  if (!boundary) return decodeBody(headers, body);
  for (const part of body.split(`--${boundary}`).slice(1)) {
    const { headers: partHeaders, body: partBody } = splitMessage(part.replace(/^\r?\n/, ""));
    if ((partHeaders["content-type"] ?? "text/plain").startsWith("text/plain")) return decodeBody(partHeaders, partBody.replace(/\r?\n$/, ""));
  }
  return "";
}

/** "=?UTF-8?Q?...?=" / "=?UTF-8?B?...?=" words in a header. */
function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=\s*/gi, (_, _charset: string, kind: string, text: string) =>
    kind.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}

export async function startSmtpCapture({ port = 0, rejectRecipient }: TSmtpCaptureOptions = {}): Promise<TSmtpCapture> {
  const messages: TCapturedMail[] = [];
  const waiters = new Set<{ match: (mail: TCapturedMail) => boolean; resolve: (mail: TCapturedMail) => void }>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    closeTimeout: 100,
    onRcptTo(address, _session, callback) {
      if (rejectRecipient?.(address.address)) {
        const error = Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const { headers, body } = splitMessage(raw);
        const mail: TCapturedMail = {
          to: session.envelope.rcptTo.map((address) => address.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          subject: decodeHeader(headers.subject ?? ""),
          headers,
          text: textOf(headers, body),
          raw,
          receivedAt: new Date(),
        };
        messages.push(mail);
        for (const waiter of [...waiters]) {
          if (waiter.match(mail)) {
            waiters.delete(waiter);
            waiter.resolve(mail);
          }
        }
        callback();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const actualPort = (server.server.address() as AddressInfo).port;

  let closed: Promise<void> | undefined;
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    messages,
    waitFor(match = () => true, timeoutMs = 10_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise<TCapturedMail>((resolve, reject) => {
        const waiter = {
          match,
          resolve: (mail: TCapturedMail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching mail within ${timeoutMs} ms (received ${messages.length})`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close() {
      closed ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return closed;
    },
  };
}
