"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";

/** What the creator form shows after an answer: a message, one message per field, and everything typed (nothing is lost). */
export type TCreatorFormState = { message?: string; error?: string; fields?: Record<string, string>; values?: Record<string, string> };

type TValues = { name: string; organisation: string; email: string; phone: string; language: string };

type TProps = {
  action: (state: TCreatorFormState, formData: FormData) => Promise<TCreatorFormState>;
  initial: TValues;
  /** The choices of "Language for emails" (the site's languages; passed in, so the catalogues stay on the server). */
  languages: readonly { code: string; name: string }[];
  /** "create" adds the password and the Active / Email verified boxes. */
  mode: "create" | "edit";
};

/** The admin's creator form (create and edit); refused input keeps everything typed. */
export function CreatorForm({ action, initial, languages, mode }: TProps) {
  const [state, formAction, pending] = useActionState<TCreatorFormState, FormData>(action, {});
  const values = { ...initial, ...state.values };
  const error = (field: string) => state.fields?.[field];
  return (
    <form action={formAction} className="grid gap-4" noValidate>
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
      <FormField id="creator-name" name="name" label="Full name" required maxLength={120} defaultValue={values.name} error={error("name")} />
      <FormField
        id="creator-organisation"
        name="organisation"
        label="Organisation (optional)"
        maxLength={160}
        defaultValue={values.organisation}
        error={error("organisation")}
      />
      <FormField id="creator-email" name="email" label="Email" type="email" required maxLength={254} defaultValue={values.email} error={error("email")} />
      <FormField id="creator-phone" name="phone" label="Phone (optional)" type="tel" maxLength={40} defaultValue={values.phone} error={error("phone")} />
      <div>
        <label htmlFor="creator-language" className="block font-medium">
          Language for emails
        </label>
        <select
          id="creator-language"
          name="language"
          defaultValue={values.language}
          aria-invalid={error("language") ? true : undefined}
          aria-describedby={error("language") ? "creator-language-error" : undefined}
          className="mt-1 rounded-md border border-stone-300 bg-white px-3 py-2"
        >
          {languages.map((language) => (
            <option key={language.code} value={language.code} lang={language.code}>
              {language.name}
            </option>
          ))}
        </select>
        {error("language") && (
          <p id="creator-language-error" className="mt-1 text-sm text-red-800">
            {error("language")}
          </p>
        )}
      </div>
      {mode === "create" && (
        <>
          <FormField
            id="creator-password"
            name="password"
            label="Password (optional)"
            type="password"
            autoComplete="new-password"
            maxLength={128}
            error={error("password")}
            hint="Leave empty to email the creator a link to choose their own password."
          />
          <label className="flex items-center gap-2">
            <input type="checkbox" name="active" defaultChecked /> Active
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="verified" /> Email verified
          </label>
        </>
      )}
      <button
        type="submit"
        disabled={pending}
        className="justify-self-start rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? "Saving…" : mode === "create" ? "Create creator" : "Save changes"}
      </button>
    </form>
  );
}
