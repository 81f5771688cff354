import type { Metadata } from "next";

export const metadata: Metadata = { title: "Temporarily unavailable", robots: { index: false } };

export default function UnavailablePage() {
  return (
    <div className="mx-auto max-w-md text-center">
      <h1 className="text-3xl font-bold">Temporarily unavailable</h1>
      <p className="mt-3 text-stone-700">
        Signing in and your dashboard are temporarily unavailable. Please try again in a minute. Browsing events still works.
      </p>
    </div>
  );
}
