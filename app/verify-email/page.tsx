import type { Metadata } from "next";
import Link from "next/link";
import { verifyEmail } from "@/lib/auth/verify-email";

export const metadata: Metadata = { title: "Verify your email", robots: { index: false } };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const verified = await verifyEmail(typeof token === "string" ? token : "");
  return (
    <div className="mx-auto max-w-md text-center">
      {verified ? (
        <>
          <h1 className="text-3xl font-bold">Your email is verified</h1>
          <p className="mt-3 text-stone-700">You can now publish events.</p>
          <Link href="/dashboard" className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
            Go to your dashboard
          </Link>
        </>
      ) : (
        <>
          <h1 className="text-3xl font-bold">This link does not work</h1>
          <p className="mt-3 text-stone-700">Verification links work once and for 24 hours. Log in and ask for a new one from your dashboard.</p>
          <Link href="/login" className="mt-6 inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">
            Log in
          </Link>
        </>
      )}
    </div>
  );
}
