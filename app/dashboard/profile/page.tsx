import type { Metadata } from "next";
import { requireUser } from "@/lib/http/current-user";
import { ChangePasswordForm } from "./change-password-form";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Your profile", robots: { index: false } };

export default async function ProfilePage() {
  const user = await requireUser("/dashboard/profile");
  return (
    <div className="max-w-xl">
      <h1 className="text-3xl font-bold">Your account</h1>

      <section aria-labelledby="profile-heading" className="mt-8">
        <h2 id="profile-heading" className="text-xl font-semibold">
          Profile
        </h2>
        <p className="mt-1 text-sm text-stone-600">Your name and organisation show on your events and your organiser page.</p>
        <div className="mt-4">
          <ProfileForm email={user.email} initial={{ name: user.name, organisation: user.organisation ?? "", phone: user.phone ?? "" }} />
        </div>
      </section>

      <section aria-labelledby="password-heading" className="mt-10 border-t border-stone-200 pt-8">
        <h2 id="password-heading" className="text-xl font-semibold">
          Change password
        </h2>
        <p className="mt-1 text-sm text-stone-600">You stay signed in here; every other device is signed out.</p>
        <div className="mt-4">
          <ChangePasswordForm email={user.email} />
        </div>
      </section>
    </div>
  );
}
