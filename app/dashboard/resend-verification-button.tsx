"use client";

import { useActionState } from "react";
import { resendVerificationAction, type TResendState } from "./actions";

/** `label`: the button in the page's language (the dashboard passes `t("auth.resendVerification")`); English by default. */
export function ResendVerificationButton({ label = "Resend verification email" }: { label?: string }) {
  const [state, action, pending] = useActionState<TResendState>(resendVerificationAction, {});
  return (
    <form action={action} className="mt-2 flex flex-wrap items-center gap-3">
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-amber-700 px-3 py-1.5 text-sm font-semibold text-amber-900 hover:bg-amber-100 disabled:opacity-60"
      >
        {label}
      </button>
      {state.message && (
        <span role="status" className="text-sm">
          {state.message}
        </span>
      )}
    </form>
  );
}
