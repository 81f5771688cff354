"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { saveProfile, type TProfileState } from "./actions";

type TValues = { name: string; organisation: string; phone: string; language: string };

/** The form's words, in the page's language (the page passes them: client components do not read the catalogues). */
export type TProfileFormText = {
  fullName: string;
  organisation: string;
  phone: string;
  phoneHint: string;
  email: string;
  emailHint: string;
  language: string;
  languageHint: string;
  saving: string;
  save: string;
};

export function ProfileForm({
  email,
  initial,
  languages,
  text,
}: {
  email: string;
  initial: TValues;
  /** The site's languages, each by its own name ("Русский"): the choices for the mail's language. */
  languages: { code: string; name: string }[];
  text: TProfileFormText;
}) {
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
        label={text.fullName}
        autoComplete="name"
        required
        maxLength={120}
        defaultValue={values.name}
        error={error("name")}
      />
      <FormField
        id="profile-organisation"
        name="organisation"
        label={text.organisation}
        autoComplete="organization"
        maxLength={160}
        defaultValue={values.organisation}
        error={error("organisation")}
      />
      <FormField
        id="profile-phone"
        name="phone"
        label={text.phone}
        type="tel"
        autoComplete="tel"
        maxLength={40}
        defaultValue={values.phone}
        error={error("phone")}
        hint={text.phoneHint}
      />
      <div>
        <label htmlFor="profile-email" className="mb-1 block font-medium">
          {text.email}
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
          {text.emailHint}
        </p>
      </div>
      <div>
        <label htmlFor="profile-language" className="mb-1 block font-medium">
          {text.language}
        </label>
        <select
          id="profile-language"
          name="language"
          // A new key after a save, so that the saved choice shows (defaultValue is read once).
          key={values.language}
          defaultValue={values.language}
          aria-invalid={error("language") ? true : undefined}
          aria-describedby={error("language") ? "profile-language-hint profile-language-error" : "profile-language-hint"}
          className={`w-full rounded-md border bg-white px-3 py-2 ${error("language") ? "border-red-600" : "border-stone-300"}`}
        >
          {languages.map((language) => (
            <option key={language.code} value={language.code} lang={language.code}>
              {language.name}
            </option>
          ))}
        </select>
        <p id="profile-language-hint" className="mt-1 text-sm text-stone-600">
          {text.languageHint}
        </p>
        {error("language") && (
          <p id="profile-language-error" className="mt-1 text-sm text-red-800">
            {error("language")}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="justify-self-start rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? text.saving : text.save}
      </button>
    </form>
  );
}
