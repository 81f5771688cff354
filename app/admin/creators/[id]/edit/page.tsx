import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CreatorForm } from "@/components/admin/creator-form";
import { firstParam } from "@/lib/admin/admin-url";
import { getCreatorForAdmin } from "@/lib/admin/get-creator-for-admin";
import { requireAdmin } from "@/lib/http/require-admin";
import { LANGUAGES } from "@/lib/i18n/languages";
import { formatBaliDate } from "@/lib/time/bali";
import { accountSupportAction, editCreatorAction, manageCreatorAction } from "../../actions";

export const metadata: Metadata = { title: "Edit creator · Admin", robots: { index: false } };

const DONE_MESSAGES: Record<string, string> = {
  created: "Creator created.",
  "created-mailed": "Creator created. We emailed them a link to choose their password.",
};

const button = "rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-100";

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EditCreatorPage({ params, searchParams }: TProps) {
  const { id } = await params;
  const here = `/admin/creators/${id}/edit`;
  await requireAdmin(here);
  const creator = await getCreatorForAdmin(id);
  if (!creator) notFound();
  const raw = await searchParams;
  const done = firstParam(raw.done);
  const error = firstParam(raw.error);
  const support = accountSupportAction.bind(null, creator.id, here);
  const manage = manageCreatorAction.bind(null, creator.id, here);

  return (
    <div className="max-w-xl">
      <p className="mb-4 text-sm">
        <Link href="/admin/creators" className="underline">
          ← All creators
        </Link>
      </p>
      <h1 className="text-3xl font-bold">Edit creator</h1>
      <p className="mt-2 text-sm text-stone-700">
        {creator.isActive ? "Active" : "Deactivated"} · {creator.emailVerifiedAt ? "Email verified" : "Email not verified"} · joined{" "}
        {formatBaliDate(creator.createdAt)} ·{" "}
        <Link href={`/admin/events?q=&creator=${creator.id}`} className="underline">
          {creator._count.events} {creator._count.events === 1 ? "event" : "events"}
        </Link>{" "}
        · {creator._count.payments} {creator._count.payments === 1 ? "payment" : "payments"}
      </p>
      {done && (
        <p role="status" className="mt-3 rounded-md bg-green-50 p-3 text-green-900">
          {DONE_MESSAGES[done] ?? `Done: ${done}.`}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}

      <section aria-labelledby="profile-heading" className="mt-6">
        <h2 id="profile-heading" className="text-xl font-semibold">
          Profile
        </h2>
        <div className="mt-3">
          <CreatorForm
            action={editCreatorAction.bind(null, creator.id)}
            mode="edit"
            initial={{
              name: creator.name,
              organisation: creator.organisation ?? "",
              email: creator.email,
              phone: creator.phone ?? "",
              language: creator.language,
            }}
            languages={LANGUAGES.map(({ code, name }) => ({ code, name }))}
          />
        </div>
      </section>

      <section aria-labelledby="account-heading" className="mt-10 border-t border-stone-200 pt-6">
        <h2 id="account-heading" className="text-xl font-semibold">
          Account
        </h2>
        <div className="mt-3 flex flex-wrap gap-2">
          <form action={manage}>
            <button name="action" value={creator.isActive ? "deactivate" : "activate"} className={button}>
              {creator.isActive ? "Deactivate" : "Activate"}
            </button>
          </form>
          {!creator.emailVerifiedAt && (
            <form action={manage}>
              <button name="action" value="verify" className={button}>
                Mark verified
              </button>
            </form>
          )}
          <form action={support}>
            <button name="action" value="send-reset" className={button}>
              Send password reset
            </button>
          </form>
          <form action={support}>
            <button name="action" value="end-sessions" className={button}>
              End all sessions
            </button>
          </form>
        </div>
        <p className="mt-2 text-sm text-stone-600">
          Deactivating signs the creator out everywhere at once; their published events stay up unless you unpublish them. Creators with payments are never
          deleted.
        </p>
      </section>
    </div>
  );
}
