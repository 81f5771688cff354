/**
 * Realistic demo events for `npm run db:seed` (and the demo). Deterministic:
 * the same index always gives the same event, relative to the seeding day.
 */
export type TDemoEvent = {
  key: string;
  title: string;
  description: string;
  typeSlug: string;
  locationSlug: string;
  venueName: string;
  venueAddress: string | null;
  entranceSlug: string;
  feeIdr: number;
  groupSlug: string;
  ledBy: string | null;
  dayOffset: number;
  startTime: string;
  durationMinutes: number;
  featured: boolean;
  bookingUrl: string | null;
  palette: number;
};

type TTemplate = { type: string; titles: string[]; about: string; minutes: number[]; times: string[]; fees: number[]; entrance: string[] };

const TEMPLATES: TTemplate[] = [
  {
    type: "yoga",
    titles: ["Sunrise Hatha Yoga", "Vinyasa Flow by the Rice Fields", "Yin Yoga & Restorative Stretch", "Ashtanga Mysore Practice", "Jungle Kundalini Yoga"],
    about: "A mindful practice for all levels. Mats and props are provided; bring water and arrive ten minutes early.",
    minutes: [60, 75, 90],
    times: ["06:30", "07:00", "08:00", "17:00"],
    fees: [0, 100_000, 150_000, 180_000],
    entrance: ["pay-at-site", "prepaid-online", "donation-based"],
  },
  {
    type: "sound-healing",
    titles: ["Full Moon Sound Bath", "Gong Meditation Journey", "Tibetan Singing Bowls Healing", "Crystal Bowl Sound Journey"],
    about: "Lie back and let the vibrations of gongs, bowls and chimes carry you into deep rest. Blankets and eye pillows provided.",
    minutes: [75, 90, 120],
    times: ["18:30", "19:00", "19:30"],
    fees: [150_000, 200_000, 250_000],
    entrance: ["prepaid-online", "pay-at-site"],
  },
  {
    type: "ecstatic-dance",
    titles: ["Ecstatic Dance Sunday", "Conscious Dance Journey", "Sunset Ecstatic Dance on the Beach", "Cacao & Ecstatic Dance"],
    about: "No shoes, no talking, no phones on the dance floor: just music, movement and a live DJ set. Opening circle at the start.",
    minutes: [150, 180],
    times: ["09:30", "10:00", "17:30"],
    fees: [150_000, 180_000, 200_000],
    entrance: ["pay-at-site", "prepaid-online"],
  },
  {
    type: "meditation",
    titles: ["Vipassana Evening Sit", "Guided Breath & Meditation", "Silent Morning Meditation", "Loving-Kindness Meditation Circle"],
    about: "A guided session for beginners and regular meditators alike. Cushions provided.",
    minutes: [45, 60, 90],
    times: ["06:00", "07:30", "18:00"],
    fees: [0, 50_000, 100_000],
    entrance: ["free", "donation-based", "pay-at-site"],
  },
  {
    type: "breathwork",
    titles: ["Holotropic Breathwork Circle", "Wim Hof Breath & Ice Bath", "Rebirthing Breathwork Session"],
    about: "A facilitated breathwork session followed by integration and sharing. Please eat lightly beforehand.",
    minutes: [120, 150],
    times: ["09:00", "16:00"],
    fees: [300_000, 350_000, 450_000],
    entrance: ["by-registration-only", "prepaid-online"],
  },
  {
    type: "market-bazaar",
    titles: ["Sunday Farmers Market", "Night Market & Street Food", "Artisan Makers Bazaar", "Vintage & Pre-loved Market"],
    about: "Local growers, makers and food stalls in one place. Bring your own bag — the market is plastic-free.",
    minutes: [240, 300],
    times: ["08:00", "16:00", "17:00"],
    fees: [0],
    entrance: ["free"],
  },
  {
    type: "music-concert",
    titles: ["Gamelan & Jazz Fusion Night", "Acoustic Sunset Session", "Live Reggae at the Beach Club", "Indonesian Indie Night"],
    about: "Live music from local and visiting artists. Food and drinks available at the venue.",
    minutes: [180, 240],
    times: ["19:00", "20:00"],
    fees: [0, 150_000, 250_000, 350_000],
    entrance: ["free", "prepaid-online", "pay-at-site"],
  },
  {
    type: "workshop",
    titles: [
      "Balinese Offering Making Workshop",
      "Natural Dye & Batik Workshop",
      "Silver Jewellery Making",
      "Permaculture Garden Design",
      "Pottery on the Wheel",
    ],
    about: "Hands-on and small group. All materials included; you take home what you make.",
    minutes: [120, 180, 240],
    times: ["09:00", "10:00", "14:00"],
    fees: [250_000, 400_000, 650_000],
    entrance: ["by-registration-only", "prepaid-online"],
  },
  {
    type: "art-exhibition",
    titles: ["Contemporary Balinese Painting Exhibition", "Photography of the Rice Terraces", "Young Artists of Ubud Open Studio"],
    about: "Opening night with the artists present. The exhibition stays open daily until the closing date.",
    minutes: [240],
    times: ["17:00", "18:00"],
    fees: [0],
    entrance: ["free"],
  },
  {
    type: "food-culinary",
    titles: ["Balinese Cooking Class", "Plant-Based Feast Supper Club", "Coffee Cupping & Roasting", "Jamu Herbal Tonic Workshop"],
    about: "Cook, taste and learn the stories behind the island's flavours. Vegetarian options on request.",
    minutes: [150, 180],
    times: ["09:00", "18:30"],
    fees: [350_000, 450_000, 550_000],
    entrance: ["by-registration-only", "prepaid-online"],
  },
  {
    type: "retreat",
    titles: ["Weekend Silent Retreat", "Three-Day Yoga & Detox Retreat", "Women's Wellness Retreat"],
    about: "Accommodation, meals and all sessions included. Places are limited; registration required.",
    minutes: [2 * 1440, 3 * 1440],
    times: ["14:00", "15:00"],
    fees: [3_500_000, 5_500_000, 7_500_000],
    entrance: ["by-registration-only"],
  },
  {
    type: "festival",
    titles: ["Bali Spirit Gathering", "Ubud Village Arts Festival", "Canggu Wellness Festival"],
    about: "Workshops, music, dance and food across several stages. Day passes at the gate; check the programme online.",
    minutes: [1440 + 600, 2 * 1440 + 600],
    times: ["10:00"],
    fees: [500_000, 850_000],
    entrance: ["prepaid-online", "pay-at-site"],
  },
  {
    type: "spiritual-ceremony",
    titles: ["Melukat Water Purification Ceremony", "New Moon Fire Ceremony", "Cacao Ceremony & Intention Setting"],
    about: "A respectful introduction to a traditional ceremony, with a local guide. Sarong and sash provided.",
    minutes: [120, 180],
    times: ["07:00", "18:00"],
    fees: [200_000, 300_000],
    entrance: ["by-registration-only", "donation-based"],
  },
  {
    type: "dance-performance",
    titles: ["Kecak Fire Dance at Sunset", "Legong Dance Performance", "Barong & Keris Dance"],
    about: "A traditional Balinese performance with live gamelan. Arrive early for the best seats.",
    minutes: [60, 90],
    times: ["18:00", "19:00", "19:30"],
    fees: [100_000, 150_000],
    entrance: ["pay-at-site"],
  },
  {
    type: "community-gathering",
    titles: ["Beach Clean-up & Breakfast", "Newcomers Meet-up", "Community Potluck Dinner"],
    about: "Everyone is welcome. Bring a friend, a dish or just yourself. Terima kasih!",
    minutes: [120, 180],
    times: ["07:30", "18:30"],
    fees: [0],
    entrance: ["free"],
  },
  {
    type: "sports-fitness",
    titles: ["Surf Fitness Bootcamp", "Trail Run to the Waterfall", "Beach Volleyball Social"],
    about: "An active session for all fitness levels with a qualified coach. Bring water and sun protection.",
    minutes: [60, 90, 120],
    times: ["06:30", "07:00", "16:30"],
    fees: [0, 100_000, 150_000],
    entrance: ["free", "pay-at-site"],
  },
  {
    type: "networking",
    titles: ["Digital Nomad Founders Meet-up", "Creative Entrepreneurs Breakfast"],
    about: "Short talks, then open networking. Coffee included.",
    minutes: [120, 150],
    times: ["08:30", "18:00"],
    fees: [0, 100_000],
    entrance: ["free", "by-registration-only"],
  },
  {
    type: "film-screening",
    titles: ["Open-Air Cinema: Ocean Documentaries", "Indonesian Film Night"],
    about: "Bean bags, popcorn and a big screen under the stars. Films shown with English subtitles.",
    minutes: [150],
    times: ["19:00", "19:30"],
    fees: [0, 75_000],
    entrance: ["free", "pay-at-site"],
  },
  {
    type: "comedy",
    titles: ["Stand-up Comedy Open Mic", "Improv Comedy Night"],
    about: "Local and visiting comedians, in English. Come early to sign up for the open mic.",
    minutes: [120],
    times: ["20:00"],
    fees: [100_000, 150_000],
    entrance: ["pay-at-site", "prepaid-online"],
  },
  {
    type: "wellness",
    titles: ["Balinese Massage Masterclass", "Ayurveda Wellness Day", "Ice Bath & Sauna Social"],
    about: "Restore body and mind with experienced practitioners. Towels provided.",
    minutes: [120, 180, 360],
    times: ["10:00", "15:00"],
    fees: [200_000, 450_000, 750_000],
    entrance: ["by-registration-only", "pay-at-site", "members-only"],
  },
];

const VENUES: Record<string, { name: string; address: string | null }[]> = {
  ubud: [
    { name: "The Yoga Barn", address: "Jl. Hanoman, Pengosekan" },
    { name: "Pyramids of Chi", address: "Jl. Kutuh Kaja, Petulu" },
    { name: "Radiantly Alive Studio", address: "Jl. Jembawan No. 3" },
    { name: "Sawah Garden Pavilion", address: null },
  ],
  canggu: [
    { name: "Samadi Bali", address: "Jl. Padang Linjong No. 39" },
    { name: "Echo Beach Shala", address: "Jl. Pura Batu Mejan" },
    { name: "The Practice", address: "Jl. Pantai Batu Bolong" },
  ],
  seminyak: [
    { name: "Potato Head Beach Club", address: "Jl. Petitenget No. 51B" },
    { name: "Seminyak Village Hall", address: "Jl. Kayu Jati" },
  ],
  uluwatu: [
    { name: "Cliffside Shala", address: "Jl. Labuan Sait" },
    { name: "Uluwatu Temple Amphitheatre", address: "Pecatu" },
  ],
  sanur: [
    { name: "Sanur Beach Pavilion", address: "Jl. Danau Tamblingan" },
    { name: "Power of Now Oasis", address: "Jl. Pantai Karang" },
  ],
  amed: [{ name: "Amed Beach Dive Centre", address: "Jl. Raya Amed" }],
  "nusa-dua": [{ name: "Bali Collection Square", address: "Kawasan BTDC" }],
  kintamani: [{ name: "Batur Lake Hot Springs", address: "Toya Bungkah" }],
  denpasar: [{ name: "Taman Werdhi Budaya Art Centre", address: "Jl. Nusa Indah" }],
  sidemen: [{ name: "Sidemen Valley Retreat", address: "Desa Sidemen" }],
};

const LEADERS = [
  "Made Wirawan",
  "Ketut Sari",
  "Ayu Lestari",
  "Sarah Connelly",
  "Tom Becker",
  "Nyoman Arta",
  "Lena Fischer",
  "Gede Putra",
  "Maya Sinclair",
  null,
];

/** Small deterministic PRNG (mulberry32) so seeding is repeatable. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The item at `index` counted round the list (an empty list has none: a bug in the demo data or its caller). */
function cycled<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error("demoEvents: nothing to pick from (an empty list of templates, titles, locations or venues)");
  return item;
}

export function demoEvents(count: number, locationSlugs: string[]): TDemoEvent[] {
  const random = prng(20261125);
  const pick = <T>(items: readonly T[]): T => cycled(items, Math.floor(random() * items.length));
  return Array.from({ length: count }, (_, index) => {
    const template = cycled(TEMPLATES, index);
    const title = cycled(template.titles, Math.floor(index / TEMPLATES.length));
    const locationSlug = index % 3 === 0 ? pick(["ubud", "canggu", "uluwatu", "seminyak", "sanur"]) : pick(locationSlugs);
    const venues = VENUES[locationSlug] ?? [{ name: `${title.split(" ")[0]} Community Space`, address: null }];
    const venue = pick(venues);
    const fee = pick(template.fees);
    const paidEntrances = template.entrance.filter((slug) => slug !== "free");
    const entranceSlug =
      fee === 0 ? (template.entrance.includes("free") ? "free" : "donation-based") : paidEntrances.length ? pick(paidEntrances) : "pay-at-site";
    const ledBy = pick(LEADERS);
    const locationName = locationSlug.replace(/-/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());
    return {
      key: `demo-${String(index + 1).padStart(3, "0")}`,
      title: index >= TEMPLATES.length * 3 ? `${title} (${["Morning", "Weekend", "Special", "Community"][index % 4]} edition)` : title,
      description:
        `${template.about}\n\n${title} in ${locationName}${ledBy ? `, led by ${ledBy}` : ""}. Suitable for visitors and locals; all welcome. Sampai jumpa!` +
        `\n\nMore information: https://example.com/zenbali-demo/${index + 1}`,
      typeSlug: template.type,
      locationSlug,
      venueName: venue.name,
      venueAddress: venue.address,
      entranceSlug,
      feeIdr: fee,
      groupSlug: index % 11 === 5 ? "females-only" : index % 13 === 7 ? "couples" : "open",
      ledBy,
      // Spread over the next 60 days, a few events today and tomorrow.
      dayOffset: index < 4 ? 0 : index < 8 ? 1 : Math.floor(random() * 60),
      startTime: pick(template.times),
      durationMinutes: pick(template.minutes),
      featured: index % 17 === 3,
      bookingUrl: entranceSlug === "prepaid-online" || entranceSlug === "by-registration-only" ? `https://example.com/book/${index + 1}` : null,
      palette: index % 12,
    };
  });
}
