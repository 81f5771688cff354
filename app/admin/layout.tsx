import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions/sign-out";

const NAV = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/events", label: "Events" },
  { href: "/admin/creators", label: "Creators" },
];

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <div>
      <nav aria-label="Admin" className="mb-6 flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 pb-3">
        <ul className="flex flex-wrap gap-4 text-sm font-medium">
          {NAV.map((item) => (
            <li key={item.href}><Link href={item.href} prefetch={false} className="hover:underline">{item.label}</Link></li>
          ))}
        </ul>
        <form action={signOutAction}>
          <button type="submit" className="rounded-md border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100">Sign out</button>
        </form>
      </nav>
      {children}
    </div>
  );
}
