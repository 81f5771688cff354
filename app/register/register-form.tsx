"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { Honeypot } from "@/components/honeypot";
import { register, type TRegisterState } from "./actions";

/** The form's words, in the page's language (the page passes them: client components do not read the catalogues). */
export type TRegisterFormText = {
  fullName: string;
  organisation: string;
  email: string;
  phone: string;
  phoneHint: string;
  password: string;
  passwordHint: string;
  confirmPassword: string;
  creatingAccount: string;
  createAccount: string;
};

export function RegisterForm({ text }: { text: TRegisterFormText }) {
  const [state, action, pending] = useActionState<TRegisterState, FormData>(register, {});
  const error = (field: string) => state.fields?.[field];
  return (
    <form action={action} className="grid gap-4" noValidate>
      {state.message && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900">
          {state.message}
        </p>
      )}
      <FormField
        id="register-name"
        name="name"
        label={text.fullName}
        autoComplete="name"
        required
        maxLength={120}
        defaultValue={state.values?.name}
        error={error("name")}
      />
      <FormField
        id="register-organisation"
        name="organisation"
        label={text.organisation}
        autoComplete="organization"
        maxLength={160}
        defaultValue={state.values?.organisation}
        error={error("organisation")}
      />
      <FormField
        id="register-email"
        name="email"
        label={text.email}
        type="email"
        autoComplete="email"
        required
        maxLength={254}
        defaultValue={state.values?.email}
        error={error("email")}
      />
      <FormField
        id="register-phone"
        name="phone"
        label={text.phone}
        type="tel"
        autoComplete="tel"
        maxLength={40}
        defaultValue={state.values?.phone}
        error={error("phone")}
        hint={text.phoneHint}
      />
      <FormField
        id="register-password"
        name="password"
        label={text.password}
        type="password"
        autoComplete="new-password"
        required
        maxLength={128}
        error={error("password")}
        hint={text.passwordHint}
      />
      <FormField
        id="register-confirm"
        name="confirmPassword"
        label={text.confirmPassword}
        type="password"
        autoComplete="new-password"
        required
        maxLength={128}
        error={error("confirmPassword")}
      />
      <Honeypot id="register-website" />
      <button
        type="submit"
        disabled={pending}
        className="justify-self-start rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? text.creatingAccount : text.createAccount}
      </button>
    </form>
  );
}
