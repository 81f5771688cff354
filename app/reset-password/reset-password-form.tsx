"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { resetPasswordAction, type TResetPasswordState } from "./actions";
import { ExpiredLinkMessage } from "./expired-link";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<TResetPasswordState, FormData>(resetPasswordAction, {});
  if (state.expired) return <ExpiredLinkMessage />;
  const error = (field: string) => state.fields?.[field];
  return (
    <form action={action} className="grid gap-4" noValidate>
      {state.message && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900">
          {state.message}
        </p>
      )}
      <input type="hidden" name="token" value={token} />
      <FormField
        id="reset-password"
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        maxLength={128}
        error={error("password")}
        hint="8 to 128 characters. Avoid common passwords."
      />
      <FormField
        id="reset-confirm"
        name="confirmPassword"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        required
        maxLength={128}
        error={error("confirmPassword")}
      />
      <button
        type="submit"
        disabled={pending}
        className="justify-self-start rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? "Changing your password…" : "Change password"}
      </button>
    </form>
  );
}
