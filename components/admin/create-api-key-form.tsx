"use client";

import { useActionState, useState } from "react";
import { API_KEY_NAME_MAX, API_KEY_SCOPES } from "@/lib/api-keys/scopes";

/** What the form shows after "Create key": a refusal with everything typed, or the new key (in this state only: never in a URL, never stored in clear). */
export type TCreateApiKeyState =
  | { status: "idle" }
  | { status: "error"; message: string; fields?: Record<string, string>; values: { name: string; creator: string } }
  | { status: "created"; key: string; name: string; prefix: string; ownerEmail: string };

type TOwner = { id: string; name: string; email: string };
type TProps = {
  action: (state: TCreateApiKeyState, formData: FormData) => Promise<TCreateApiKeyState>;
  /** Active creators for the select, or null when there are too many (an email input is shown instead). */
  owners: TOwner[] | null;
};

const field = "w-full rounded-md border bg-white px-3 py-2 text-sm";

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-sm text-red-800">
      {message}
    </p>
  ) : null;
}

function NewKey({ name, keyValue, ownerEmail }: { name: string; keyValue: string; ownerEmail: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <section aria-labelledby="new-api-key-heading" className="mt-4 rounded-lg border-2 border-amber-400 bg-amber-50 p-4">
      <h2 id="new-api-key-heading" className="text-lg font-semibold">
        Key created: {name}
      </h2>
      <p role="status" className="mt-1 font-medium text-amber-950">
        Copy this key now. It will not be shown again.
      </p>
      <p className="mt-1 text-sm text-stone-700">
        It creates published events as {ownerEmail}. Send it as <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <label htmlFor="new-api-key" className="mt-3 block text-sm font-medium">
        New API key
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id="new-api-key"
          readOnly
          value={keyValue}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-stone-300 bg-white px-3 py-2 font-mono text-sm"
        />
        <button
          type="button"
          onClick={() => {
            // Undefined outside secure contexts (plain http), whatever lib.dom says.
            const clipboard = navigator.clipboard as Clipboard | undefined;
            void clipboard?.writeText(keyValue).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
          className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm hover:bg-stone-100"
        >
          {copied ? "Copied" : "Copy key"}
        </button>
      </div>
    </section>
  );
}

/** The "Create API key" form; the new key comes back in the action result and is shown once. */
export function CreateApiKeyForm({ action, owners }: TProps) {
  const [state, formAction, pending] = useActionState<TCreateApiKeyState, FormData>(action, { status: "idle" });
  const error = state.status === "error" ? state : null;
  const values = error?.values;
  const fieldError = (name: string) => error?.fields?.[name];
  const describedBy = (name: string) => (fieldError(name) ? `api-key-${name}-error` : undefined);
  return (
    <section aria-labelledby="create-api-key-heading" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="create-api-key-heading" className="text-xl font-semibold">
        Create API key
      </h2>
      <form action={formAction} className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-4 lg:items-start" noValidate>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900 sm:col-span-2 lg:col-span-4">
            {error.message}
          </p>
        )}
        <div>
          <label htmlFor="api-key-name" className="mb-1 block text-sm font-medium">
            Name
          </label>
          <input
            id="api-key-name"
            name="name"
            required
            minLength={2}
            maxLength={API_KEY_NAME_MAX}
            defaultValue={values?.name ?? ""}
            aria-invalid={fieldError("name") ? true : undefined}
            aria-describedby={describedBy("name")}
            className={`${field} ${fieldError("name") ? "border-red-600" : "border-stone-300"}`}
          />
          <FieldError id="api-key-name-error" message={fieldError("name")} />
        </div>
        <div>
          <label htmlFor="api-key-creator" className="mb-1 block text-sm font-medium">
            Creator
          </label>
          {owners ? (
            <select
              id="api-key-creator"
              name="creator"
              required
              defaultValue={values?.creator ?? ""}
              aria-invalid={fieldError("creator") ? true : undefined}
              aria-describedby={describedBy("creator")}
              className={`${field} ${fieldError("creator") ? "border-red-600" : "border-stone-300"}`}
            >
              <option value="" disabled>
                Choose a creator
              </option>
              {owners.map((owner) => (
                <option key={owner.id} value={owner.id}>{`${owner.name} (${owner.email})`}</option>
              ))}
            </select>
          ) : (
            <input
              id="api-key-creator"
              name="creator"
              type="email"
              required
              placeholder="creator@example.com"
              defaultValue={values?.creator ?? ""}
              aria-invalid={fieldError("creator") ? true : undefined}
              aria-describedby={describedBy("creator")}
              className={`${field} ${fieldError("creator") ? "border-red-600" : "border-stone-300"}`}
            />
          )}
          <FieldError id="api-key-creator-error" message={fieldError("creator")} />
        </div>
        <div>
          <label htmlFor="api-key-scope" className="mb-1 block text-sm font-medium">
            Scope
          </label>
          <select
            id="api-key-scope"
            name="scope"
            defaultValue={API_KEY_SCOPES[0]}
            aria-invalid={fieldError("scope") ? true : undefined}
            aria-describedby={describedBy("scope")}
            className={`${field} border-stone-300`}
          >
            {API_KEY_SCOPES.map((scope) => (
              <option key={scope} value={scope}>
                {scope}
              </option>
            ))}
          </select>
          <FieldError id="api-key-scope-error" message={fieldError("scope")} />
        </div>
        <div className="lg:pt-6">
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
          >
            {pending ? "Creating…" : "Create key"}
          </button>
        </div>
      </form>
      {state.status === "created" && <NewKey name={state.name} keyValue={state.key} ownerEmail={state.ownerEmail} />}
    </section>
  );
}
