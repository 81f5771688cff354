"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { Honeypot } from "@/components/honeypot";
import { forgotPassword, type TForgotPasswordState } from "./actions";

/** The form's words, in the page's language (the page passes them). */
export type TForgotPasswordFormText = { email: string; sending: string; sendResetLink: string };

export function ForgotPasswordForm({ text }: { text: TForgotPasswordFormText }) {
  const [state, action, pending] = useActionState<TForgotPasswordState, FormData>(forgotPassword, {});
  return (
    <form action={action} className="grid gap-4" noValidate>
      {state.message && (
        <p role={state.sent ? "status" : "alert"} className={`rounded-md p-3 ${state.sent ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}>
          {state.message}
        </p>
      )}
      <FormField
        id="forgot-email"
        name="email"
        label={text.email}
        type="email"
        autoComplete="email"
        required
        maxLength={254}
        defaultValue={state.email}
        error={state.fields?.email}
      />
      <Honeypot id="forgot-website" />
      <button
        type="submit"
        disabled={pending}
        className="justify-self-start rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? text.sending : text.sendResetLink}
      </button>
    </form>
  );
}
