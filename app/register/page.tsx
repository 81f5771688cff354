import type { Metadata } from "next";
import Link from "next/link";
import { postingFeeLabel } from "@/lib/site";
import { RegisterForm } from "./register-form";

export const metadata: Metadata = { title: "Create a creator account" };

export default function RegisterPage() {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">Create a creator account</h1>
      <p className="mt-2 text-stone-700">Post your events on Zen Bali. Publishing an event costs {postingFeeLabel()}.</p>
      <div className="mt-6">
        <RegisterForm />
      </div>
      <p className="mt-6 text-sm">
        Already have an account?{" "}
        <Link href="/login" className="underline">
          Log in
        </Link>
      </p>
    </div>
  );
}
