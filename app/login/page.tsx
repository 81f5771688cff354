import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/http/current-user";
import { logInErrorMessage } from "@/lib/auth/log-in-messages";
import { REGISTERED_MESSAGE } from "@/lib/auth/register-creator";
import { toSafeRedirectPath } from "@/lib/auth/safe-redirect";
import { getEnv } from "@/lib/env";
import { LogInForm } from "./login-form";

export const metadata: Metadata = { title: "Log in", robots: { index: false } };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LogInPage({ searchParams }: TProps) {
  // Already signed in: go where the role lands.
  const current = await getCurrentUser().catch(() => null);
  if (current) redirect(current.role === "ADMIN" ? "/admin" : "/dashboard");
  const params = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  // Only a same-origin path is carried into the form (the action checks it again).
  const callbackUrl = toSafeRedirectPath(first(params.callbackUrl), getEnv().APP_URL) ?? undefined;
  // next-auth sends failed sign-ins that bypass the form back here with ?error=…&code=…
  const initialError = first(params.error) ? logInErrorMessage(first(params.code)) : undefined;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">Log in</h1>
      <p className="mt-2 text-stone-700">For event creators and admins.</p>
      {first(params.registered) && (
        <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-green-900">
          {REGISTERED_MESSAGE}
          {getEnv().DEMO_MODE && (
            <>
              {" "}
              In this demo no mail leaves the machine: read it in the{" "}
              <Link href="/demo/mail" className="underline">
                demo mailbox
              </Link>
              .
            </>
          )}
        </p>
      )}
      {first(params.verified) && (
        <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-green-900">
          Your email is verified. Log in to continue.
        </p>
      )}
      {first(params.reset) && (
        <p role="status" className="mt-4 rounded-md bg-green-50 p-3 text-green-900">
          Your password was changed. Log in with the new one.
        </p>
      )}
      <div className="mt-6">
        <LogInForm callbackUrl={callbackUrl} initialError={initialError} />
      </div>
      <p className="mt-4 text-sm">
        <Link href="/forgot-password" className="underline">
          Forgot your password?
        </Link>
      </p>
      <p className="mt-2 text-sm">
        New here?{" "}
        <Link href="/register" className="underline">
          Create a creator account
        </Link>
      </p>
    </div>
  );
}
