import Link from "next/link";

/** The expired-link view's words and the link to /forgot-password, in the page's language (the page passes them). */
export type TExpiredLinkText = { title: string; text: string; askNewLink: string; forgotPasswordPath: string };

/** What an unknown, expired, superseded or used reset link shows. */
export function ExpiredLinkMessage({ text }: { text: TExpiredLinkText }) {
  return (
    <div role="alert" className="rounded-md bg-amber-50 p-4 text-amber-950">
      <p className="font-semibold">{text.title}</p>
      <p className="mt-2">
        {text.text}{" "}
        <Link href={text.forgotPasswordPath} className="underline">
          {text.askNewLink}
        </Link>
      </p>
    </div>
  );
}
