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

/**
 * The seeded names in the site's other languages, by English name (lib/reference/localized-name.ts). The seed writes
 * them on a new item and on an item that still has its seeded English name and no translations; an admin edits them
 * in /admin/reference. Locations keep one name in every language.
 */
export const SEEDED_NAMES: Record<string, { id: string; ru: string }> = {
  // Event types
  Yoga: { id: "Yoga", ru: "Йога" },
  Healing: { id: "Penyembuhan", ru: "Целительство" },
  Therapy: { id: "Terapi", ru: "Терапия" },
  Show: { id: "Pertunjukan", ru: "Шоу" },
  Theater: { id: "Teater", ru: "Театр" },
  "Music Concert": { id: "Konser Musik", ru: "Концерт" },
  "Dance Performance": { id: "Pertunjukan Tari", ru: "Танцевальное выступление" },
  "Art Exhibition": { id: "Pameran Seni", ru: "Художественная выставка" },
  Workshop: { id: "Lokakarya", ru: "Мастер-класс" },
  Retreat: { id: "Retret", ru: "Ретрит" },
  Meditation: { id: "Meditasi", ru: "Медитация" },
  "Sound Healing": { id: "Penyembuhan dengan Suara", ru: "Звукотерапия" },
  Breathwork: { id: "Latihan Pernapasan", ru: "Дыхательные практики" },
  "Ecstatic Dance": { id: "Tari Ekstatik", ru: "Экстатический танец" },
  Festival: { id: "Festival", ru: "Фестиваль" },
  "Market & Bazaar": { id: "Pasar & Bazar", ru: "Ярмарка и базар" },
  "Food & Culinary": { id: "Makanan & Kuliner", ru: "Еда и кулинария" },
  "Sports & Fitness": { id: "Olahraga & Kebugaran", ru: "Спорт и фитнес" },
  Wellness: { id: "Kesehatan Holistik", ru: "Велнес" },
  "Spiritual Ceremony": { id: "Upacara Spiritual", ru: "Духовная церемония" },
  Photography: { id: "Fotografi", ru: "Фотография" },
  "Film Screening": { id: "Pemutaran Film", ru: "Кинопоказ" },
  Comedy: { id: "Komedi", ru: "Комедия" },
  Networking: { id: "Jejaring Profesional", ru: "Нетворкинг" },
  "Community Gathering": { id: "Pertemuan Komunitas", ru: "Встреча сообщества" },
  // Entrance types
  Free: { id: "Gratis", ru: "Бесплатно" },
  "Prepaid Online": { id: "Bayar Daring di Muka", ru: "Предоплата онлайн" },
  "Pay at Site": { id: "Bayar di Tempat", ru: "Оплата на месте" },
  "Donation-based": { id: "Donasi Sukarela", ru: "За пожертвование" },
  "By Registration Only": { id: "Hanya dengan Pendaftaran", ru: "Только по регистрации" },
  "Members Only": { id: "Khusus Anggota", ru: "Только для членов клуба" },
  // Participant groups
  Open: { id: "Terbuka untuk Umum", ru: "Для всех" },
  Couples: { id: "Pasangan", ru: "Для пар" },
  "Females Only": { id: "Khusus Perempuan", ru: "Только для женщин" },
  "Males Only": { id: "Khusus Laki-laki", ru: "Только для мужчин" },
};
