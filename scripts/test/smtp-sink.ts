/**
 * The end-to-end suite's mail server: a real SMTP server (smtp-server) that
 * the app's worker delivers to, writing each message it receives into
 * MAIL_DIR as an .eml file, where the specs read the links. It stops when its
 * parent (the e2e server command) ends.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { startSmtpCapture } from "../../tests/support/smtp-capture";
import { E2E_SMTP_PORT } from "../../tests/support/test-config";

const mailDir = path.resolve(process.env.MAIL_DIR ?? "./data/e2e-mail");
await mkdir(mailDir, { recursive: true });
const capture = await startSmtpCapture({ port: E2E_SMTP_PORT });
console.log(`SMTP sink listening on ${capture.url}, writing to ${mailDir}`);

let written = 0;
async function writeNewMail(): Promise<void> {
  while (written < capture.messages.length) {
    const mail = capture.messages[written++];
    if (!mail) break;
    await mkdir(mailDir, { recursive: true }); // specs may empty the folder between tests
    for (const to of mail.to) {
      const file = path.join(mailDir, `${mail.receivedAt.toISOString().replace(/[:.]/g, "-")}-${written}-${to.replace(/[^a-z0-9@.-]/gi, "_")}.eml`);
      await writeFile(file, [`From: ${mail.from}`, `To: ${to}`, `Subject: ${mail.subject}`, "", mail.text, ""].join("\r\n"));
    }
  }
}
const timer = setInterval(() => void writeNewMail(), 50);

const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    clearInterval(timer);
    void capture.close().then(() => process.exit(0));
  }
}, 1_000).unref();
