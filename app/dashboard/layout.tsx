import Link from "next/link";
import { SignOutButton } from "@/components/sign-out-button";

export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return (
    <div>
      <nav aria-label="Dashboard" className="mb-6 flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 pb-3">
        <ul className="flex flex-wrap gap-4 text-sm font-medium">
          <li>
            <Link href="/dashboard" className="hover:underline">
              Dashboard
            </Link>
          </li>
          <li>
            <Link href="/dashboard/events/new" prefetch={false} className="hover:underline">
              Post a new event
            </Link>
          </li>
          <li>
            <Link href="/dashboard/payments" prefetch={false} className="hover:underline">
              Payments
            </Link>
          </li>
          <li>
            <Link href="/dashboard/profile" prefetch={false} className="hover:underline">
              Profile
            </Link>
          </li>
        </ul>
        <SignOutButton />
      </nav>
      {children}
    </div>
  );
}
