import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listDemoMail, parseEml } from "./demo-mailbox";
import { toEml, writeMailFile } from "./deliver-mail";
import type { TMail } from "./types";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const mail = (to: string, subject: string): TMail => ({
  kind: "verification",
  to,
  subject,
  text: `Hello,\n\nConfirm here: http://localhost:3000/verify-email?token=abc\n`,
});

describe("the demo mailbox", () => {
  it("lists the mails the app wrote, newest first, with their links in the text", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "zb-mailbox-"));
    await writeMailFile(
      dir,
      mail("first@example.test", "Verify your email for Zen Bali"),
      toEml(mail("first@example.test", "Verify your email for Zen Bali"), { from: "Zen Bali <no-reply@zenbali.site>", messageId: "<1@zenbali.site>" }),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    await writeMailFile(
      dir,
      mail("second@example.test", "Reset your password"),
      toEml(mail("second@example.test", "Reset your password"), { from: "Zen Bali <no-reply@zenbali.site>", messageId: "<2@zenbali.site>" }),
    );
    await writeFile(path.join(dir, "notes.txt"), "not a mail");
    const mails = await listDemoMail(dir);
    expect(mails.map((item) => [item.to, item.subject])).toEqual([
      ["second@example.test", "Reset your password"],
      ["first@example.test", "Verify your email for Zen Bali"],
    ]);
    expect(mails[1]!.text).toContain("http://localhost:3000/verify-email?token=abc");
    expect(await listDemoMail(dir, 1)).toHaveLength(1);
  });

  it("is empty when the folder does not exist yet, and skips what is not a mail", async () => {
    expect(await listDemoMail(path.join(tmpdir(), "zb-no-such-folder-x9"))).toEqual([]);
    expect(parseEml("x.eml", "no blank line here")).toBeNull();
  });
});
