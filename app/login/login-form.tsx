"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { logIn, type TLogInState } from "./actions";

/** The form's words, in the page's language (the page passes them: client components do not read the catalogues). */
export type TLogInFormText = { email: string; password: string; logIn: string; loggingIn: string };

export function LogInForm({ callbackUrl, initialError, text }: { callbackUrl?: string; initialError?: string; text: TLogInFormText }) {
  const [state, action, pending] = useActionState<TLogInState, FormData>(logIn, { error: initialError });
  return (
    <form action={action} className="grid gap-4">
      {state.error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900">
          {state.error}
        </p>
      )}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <FormField id="login-email" name="email" label={text.email} type="email" autoComplete="email" required defaultValue={state.email} />
      <FormField id="login-password" name="password" label={text.password} type="password" autoComplete="current-password" required maxLength={128} />
      <button
        type="submit"
        disabled={pending}
        className="justify-self-start rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? text.loggingIn : text.logIn}
      </button>
    </form>
  );
}
