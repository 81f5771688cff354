/**
 * The reference data the product contract lists, exactly, in display order. The seed
 * writes these; slugs come from lib/format/slug.ts, except where noted.
 */
export const LOCATIONS = [
  "Ubud",
  "Canggu",
  "Seminyak",
  "Kuta",
  "Legian",
  "Sanur",
  "Nusa Dua",
  "Uluwatu",
  "Jimbaran",
  "Denpasar",
  "Tabanan",
  "Gianyar",
  "Karangasem",
  "Singaraja",
  "Lovina",
  "Amed",
  "Candidasa",
  "Padang Bai",
  "Munduk",
  "Bedugul",
  "Tegallalang",
  "Sidemen",
  "Nusa Penida",
  "Nusa Lembongan",
  "Kintamani",
] as const;

export const EVENT_TYPES = [
  "Yoga",
  "Healing",
  "Therapy",
  "Show",
  "Theater",
  "Music Concert",
  "Dance Performance",
  "Art Exhibition",
  "Workshop",
  "Retreat",
  "Meditation",
  "Sound Healing",
  "Breathwork",
  "Ecstatic Dance",
  "Festival",
  "Market & Bazaar",
  "Food & Culinary",
  "Sports & Fitness",
  "Wellness",
  "Spiritual Ceremony",
  "Photography",
  "Film Screening",
  "Comedy",
  "Networking",
  "Community Gathering",
] as const;

export const ENTRANCE_TYPES = ["Free", "Prepaid Online", "Pay at Site", "Donation-based", "By Registration Only", "Members Only"] as const;

export const PARTICIPANT_GROUPS = ["Open", "Couples", "Females Only", "Males Only"] as const;
