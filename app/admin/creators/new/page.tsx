import type { Metadata } from "next";
import Link from "next/link";
import { CreatorForm } from "@/components/admin/creator-form";
import { createCreatorAction } from "../actions";
import { requireAdmin } from "@/lib/http/require-admin";
import { DEFAULT_LOCALE, LANGUAGES } from "@/lib/i18n/languages";

export const metadata: Metadata = { title: "Create creator · Admin", robots: { index: false } };

export default async function NewCreatorPage() {
  await requireAdmin("/admin/creators/new");
  return (
    <div className="max-w-xl">
      <p className="mb-4 text-sm">
        <Link href="/admin/creators" className="underline">
          ← All creators
        </Link>
      </p>
      <h1 className="text-3xl font-bold">Create creator</h1>
      <div className="mt-6">
        <CreatorForm
          action={createCreatorAction}
          mode="create"
          initial={{ name: "", organisation: "", email: "", phone: "", language: DEFAULT_LOCALE }}
          languages={LANGUAGES.map(({ code, name }) => ({ code, name }))}
        />
      </div>
    </div>
  );
}
