import { signOutAction } from "@/app/actions";

/** `label`: "Sign out" in the page's language (the dashboard's); the admin pages stay English. */
export function SignOutButton({ label = "Sign out" }: { label?: string }) {
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100">
        {label}
      </button>
    </form>
  );
}
