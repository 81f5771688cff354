"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { changePasswordAction, type TChangePasswordState } from "./actions";

/** The form's words, in the page's language (the page passes them). */
export type TChangePasswordFormText = {
  currentPassword: string;
  newPassword: string;
  passwordHint: string;
  confirmNewPassword: string;
  changingPassword: string;
  changePassword: string;
};

export function ChangePasswordForm({ email, text }: { email: string; text: TChangePasswordFormText }) {
  const [state, action, pending] = useActionState<TChangePasswordState, FormData>(changePasswordAction, {});
  const error = (field: string) => state.fields?.[field];
  return (
    <form action={action} className="grid gap-4" noValidate>
      {state.message && (
        <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">
          {state.message}
        </p>
      )}
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900">
          {state.error}
        </p>
      )}
      {/* For password managers: which account this password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormField
        id="password-current"
        name="currentPassword"
        label={text.currentPassword}
        type="password"
        autoComplete="current-password"
        required
        maxLength={128}
        error={error("currentPassword")}
      />
      <FormField
        id="password-new"
        name="newPassword"
        label={text.newPassword}
        type="password"
        autoComplete="new-password"
        required
        maxLength={128}
        error={error("newPassword")}
        hint={text.passwordHint}
      />
      <FormField
        id="password-confirm"
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
