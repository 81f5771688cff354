import Link from "next/link";
import { SignOutButton } from "@/components/sign-out-button";

const NAV = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/events", label: "Events" },
  { href: "/admin/moderation", label: "Moderation" },
  { href: "/admin/creators", label: "Creators" },
  { href: "/admin/payments", label: "Payments" },
  { href: "/admin/reference", label: "Reference data" },
  { href: "/admin/api-keys", label: "API keys" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/system", label: "System" },
];

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <div>
      <nav aria-label="Admin" className="mb-6 flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 pb-3">
        <ul className="flex flex-wrap gap-4 text-sm font-medium">
          {NAV.map((item) => (
            <li key={item.href}>
              <Link href={item.href} prefetch={false} className="hover:underline">
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
        <SignOutButton />
      </nav>
      {children}
    </div>
  );
}
