import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LinkifiedText } from "@/components/linkified-text";
import { getEnv } from "@/lib/env";
import { DEMO_MAILBOX_LIMIT, listDemoMail } from "@/lib/mail/demo-mailbox";

export const metadata: Metadata = { title: "Demo mailbox", robots: { index: false, follow: false } };

/**
 * /demo/mail, in demo mode only (404 everywhere else): the mails the app
 * sent, so a newcomer can register and verify without an SMTP server.
 */
export default async function DemoMailPage() {
  const env = getEnv();
  if (!env.DEMO_MODE) notFound();
  const mails = await listDemoMail(env.MAIL_DIR);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold">Demo mailbox</h1>
      <p className="mt-2 text-stone-700">
        In demo mode no mail leaves this machine. Every mail the app sends (email verification, password reset, receipts, reports) is listed here, newest first
        {mails.length === DEMO_MAILBOX_LIMIT ? ` (the last ${DEMO_MAILBOX_LIMIT})` : ""}. Reload the page to see new ones.
      </p>
      {mails.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center">
          No mail yet. Register a creator account and its verification mail appears here.
        </p>
      ) : (
        <ul className="mt-8 grid gap-6" aria-label="Mails">
          {mails.map((mail) => (
            <li key={mail.id}>
              <article className="rounded-lg border border-stone-200 bg-white p-5" aria-labelledby={`mail-${mail.id}`}>
                <h2 id={`mail-${mail.id}`} className="text-lg font-semibold">
                  {mail.subject}
                </h2>
                <p className="mt-1 text-sm text-stone-700">
                  To {mail.to} · {mail.date}
                </p>
                <div className="mt-4 text-sm">
                  <LinkifiedText text={mail.text} sameTab />
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
