"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { saveProfile, type TProfileState } from "./actions";

type TValues = { name: string; organisation: string; phone: string };

export function ProfileForm({ email, initial }: { email: string; initial: TValues }) {
  const [state, action, pending] = useActionState<TProfileState, FormData>(saveProfile, {});
  const values = { ...initial, ...state.values };
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
      <FormField
        id="profile-name"
        name="name"
        label="Full name"
        autoComplete="name"
        required
        maxLength={120}
        defaultValue={values.name}
        error={error("name")}
      />
      <FormField
        id="profile-organisation"
        name="organisation"
        label="Organisation (optional)"
        autoComplete="organization"
        maxLength={160}
        defaultValue={values.organisation}
        error={error("organisation")}
      />
      <FormField
        id="profile-phone"
        name="phone"
        label="Phone (optional)"
        type="tel"
        autoComplete="tel"
        maxLength={40}
        defaultValue={values.phone}
        error={error("phone")}
        hint="WhatsApp number, with country code, e.g. +62 812 3456 7890"
      />
      <div>
        <label htmlFor="profile-email" className="mb-1 block font-medium">
          Email
        </label>
        <input
          id="profile-email"
          type="email"
          value={email}
          disabled
          aria-describedby="profile-email-hint"
          className="w-full rounded-md border border-stone-200 bg-stone-100 px-3 py-2 text-stone-700"
        />
        <p id="profile-email-hint" className="mt-1 text-sm text-stone-600">
          Your email cannot be changed here.
        </p>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="justify-self-start rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? "Saving…" : "Save profile"}
      </button>
    </form>
  );
}
