"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { resetPasswordAction, type TResetPasswordState } from "./actions";
import { ExpiredLinkMessage, type TExpiredLinkText } from "./expired-link";

/** The form's words, in the page's language (the page passes them). */
export type TResetPasswordFormText = {
  newPassword: string;
  passwordHint: string;
  confirmNewPassword: string;
  changingPassword: string;
  changePassword: string;
};

export function ResetPasswordForm({ token, text, expired }: { token: string; text: TResetPasswordFormText; expired: TExpiredLinkText }) {
  const [state, action, pending] = useActionState<TResetPasswordState, FormData>(resetPasswordAction, {});
  if (state.expired) return <ExpiredLinkMessage text={expired} />;
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
        label={text.newPassword}
        type="password"
        autoComplete="new-password"
        required
        maxLength={128}
        error={error("password")}
        hint={text.passwordHint}
      />
      <FormField
        id="reset-confirm"
        name="confirmPassword"
        label={text.confirmNewPassword}
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
        {pending ? text.changingPassword : text.changePassword}
      </button>
    </form>
  );
}
