"use client";

import { useActionState } from "react";
import { Honeypot } from "@/components/honeypot";
import type { TReportState } from "./actions";

type TProps = {
  action: (state: TReportState, formData: FormData) => Promise<TReportState>;
  /** The form's words in the page's language (the page translates them: catalogues stay on the server). */
  words: { reason: string; chooseReason: string; details: string; send: string; sending: string };
  reasons: { value: string; label: string }[];
};

export function ReportForm({ action, words, reasons }: TProps) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  if (state.status === "sent") {
    return (
      <p role="status" className="rounded-md bg-green-50 p-4 font-medium text-green-900">
        {state.message}
      </p>
    );
  }
  return (
    <form action={formAction} className="grid gap-4" noValidate>
      {state.status === "error" && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900">
          {state.message}
        </p>
      )}
      <div>
        <label htmlFor="report-reason" className="mb-1 block font-medium">
          {words.reason}
        </label>
        <select
          id="report-reason"
          name="reason"
          required
          defaultValue={state.values?.reason ?? ""}
          aria-invalid={Boolean(state.fields?.reason)}
          aria-describedby={state.fields?.reason ? "report-reason-error" : undefined}
          className="w-full rounded-md border border-stone-300 bg-white px-3 py-2"
        >
          <option value="" disabled>
            {words.chooseReason}
          </option>
          {reasons.map((reason) => (
            <option key={reason.value} value={reason.value}>
              {reason.label}
            </option>
          ))}
        </select>
        {state.fields?.reason && (
          <p id="report-reason-error" className="mt-1 text-sm text-red-800">
            {state.fields.reason}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="report-details" className="mb-1 block font-medium">
          {words.details}
        </label>
        <textarea
          id="report-details"
          name="details"
          rows={4}
          maxLength={2000}
          defaultValue={state.values?.details ?? ""}
          className="w-full rounded-md border border-stone-300 bg-white px-3 py-2"
        />
        {state.fields?.details && <p className="mt-1 text-sm text-red-800">{state.fields.details}</p>}
      </div>
      <Honeypot id="report-website" />
      <button
        type="submit"
        disabled={pending}
        className="justify-self-start rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? words.sending : words.send}
      </button>
    </form>
  );
}
