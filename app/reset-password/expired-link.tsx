import Link from "next/link";

/** What an unknown, expired, superseded or used reset link shows. */
export function ExpiredLinkMessage() {
  return (
    <div role="alert" className="rounded-md bg-amber-50 p-4 text-amber-950">
      <p className="font-semibold">This link has expired or was already used.</p>
      <p className="mt-2">
        Reset links work once and for 1 hour.{" "}
        <Link href="/forgot-password" className="underline">
          Ask for a new link
        </Link>
      </p>
    </div>
  );
}
