import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EventCard } from "@/components/event-card";
import { getCreatorProfile } from "@/lib/events/list-creator-public-events";
import { SITE_NAME, siteUrl } from "@/lib/site";

type TProps = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const profile = await getCreatorProfile((await params).id);
  if (!profile) return { title: "Organiser not found", robots: { index: false, follow: false } };
  const name = profile.organisation || profile.name;
  const count = profile.events.length;
  const upcoming = count === 0 ? "Events" : `${count} upcoming ${count === 1 ? "event" : "events"}`;
  const description = `${upcoming} by ${name} in Bali on ${SITE_NAME}: dates, times, places and prices.`;
  const url = siteUrl(`/creators/${profile.id}`);
  return {
    title: name,
    description,
    alternates: { canonical: url },
    openGraph: { type: "profile", url, title: name, description, siteName: SITE_NAME },
    twitter: { card: "summary", title: name, description },
  };
}

export default async function CreatorPage({ params }: TProps) {
  const profile = await getCreatorProfile((await params).id);
  if (!profile) notFound();
  return (
    <>
      <h1 className="text-3xl font-bold">{profile.name}</h1>
      {profile.organisation && <p className="mt-1 text-lg text-stone-700">{profile.organisation}</p>}
      <section aria-labelledby="upcoming-heading" className="mt-8">
        <h2 id="upcoming-heading" className="mb-4 text-xl font-semibold">
          Upcoming events
        </h2>
        {profile.events.length === 0 ? (
          <p className="text-stone-700">No upcoming events.</p>
        ) : (
          <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {profile.events.map((event) => (
              <li key={event.id} className="flex">
                <EventCard event={event} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
