/**
 * Words the benchmark data is made of (scripts/bench/seed.ts) and that the
 * query benchmark searches for (scripts/bench/query-times.ts). English with
 * some Indonesian, as Bali's listings are written. Everything here is plain
 * data plus a small deterministic PRNG, so a seed is repeatable.
 */

import { itemAt } from "./checked";

/** mulberry32: small, fast, deterministic. Returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type TRandom = () => number;

export const pick = <T>(random: TRandom, items: readonly T[]): T => itemAt(items, Math.floor(random() * items.length));

/** What each event type looks like: titles, words for its description, usual start hours, durations, fees and entrances. */
export type TTypeTheme = {
  titles: string[];
  about: string[];
  words: string[];
  hours: number[];
  minutes: number[];
  fees: number[];
  entrances: string[];
};

export const TYPE_THEMES: Record<string, TTypeTheme> = {
  yoga: {
    titles: ["Hatha Yoga", "Vinyasa Flow", "Yin Yoga", "Ashtanga Mysore", "Kundalini Yoga", "Restorative Yoga", "Aerial Yoga", "Acro Yoga Jam", "Yoga Nidra", "Yoga Pagi", "Power Yoga", "Prenatal Yoga", "Iyengar Alignment Class", "Jivamukti Open Class", "Kelas Yoga untuk Pemula"],
    about: ["A mindful practice for all levels, with mats and props provided.", "Flowing sequences linked to the breath, finishing with a long savasana.", "Slow, deep stretches held for several minutes to release the fascia.", "Strength, balance and flexibility, taught with clear alignment cues."],
    words: ["asana", "pranayama", "savasana", "alignment", "flexibility", "balance", "strength", "chakra", "mantra", "namaste", "mat", "props", "bolster", "inversion", "sun salutation"],
    hours: [6, 7, 8, 9, 16, 17, 18],
    minutes: [60, 75, 90],
    fees: [0, 90_000, 120_000, 150_000, 180_000],
    entrances: ["pay-at-site", "prepaid-online", "donation-based", "members-only"],
  },
  healing: {
    titles: ["Reiki Healing Circle", "Energy Healing Session", "Balinese Healer Visit", "Crystal Healing", "Pranic Healing Clinic", "Balian Traditional Healing", "Chakra Balancing", "Shamanic Healing Journey"],
    about: ["A gentle hands-on session to restore the flow of energy through the body.", "Meet a traditional Balinese balian and learn how healing is practised in the villages.", "Crystals, intention and touch in a calm, candlelit room."],
    words: ["reiki", "energy", "aura", "crystals", "chakra", "balian", "herbs", "intention", "restoration", "harmony", "vitality", "release"],
    hours: [10, 11, 14, 15, 16, 17],
    minutes: [60, 90, 120],
    fees: [250_000, 350_000, 500_000, 750_000],
    entrances: ["by-registration-only", "prepaid-online", "pay-at-site"],
  },
  therapy: {
    titles: ["Somatic Therapy Group", "Art Therapy Afternoon", "Family Constellation", "Trauma-Informed Movement", "Couples Communication Workshop", "Inner Child Therapy Circle", "Craniosacral Therapy Clinic"],
    about: ["A safe, facilitated group led by a qualified therapist.", "Explore feelings through movement, drawing and sharing in a small circle.", "Learn tools for regulation and resilience you can use every day."],
    words: ["somatic", "therapist", "trauma", "resilience", "regulation", "nervous system", "counselling", "listening", "boundaries", "integration", "support"],
    hours: [9, 10, 14, 15, 18],
    minutes: [90, 120, 180],
    fees: [200_000, 350_000, 450_000, 600_000],
    entrances: ["by-registration-only", "prepaid-online"],
  },
  show: {
    titles: ["Fire Show on the Beach", "Magic & Illusion Show", "Cabaret Night", "Circus Arts Showcase", "Puppet Show for Families", "Wayang Kulit Shadow Puppets", "Drag Brunch Show", "Aerial Silks Show"],
    about: ["An evening of spectacle with performers from across the island.", "Wayang kulit: the ancient shadow puppet theatre, with a dalang and live gamelan.", "Juggling, acrobatics and fire under the stars."],
    words: ["performers", "spectacle", "acrobatics", "juggling", "fire", "puppets", "dalang", "stage", "costumes", "lights", "audience", "wayang"],
    hours: [18, 19, 20],
    minutes: [60, 90, 120],
    fees: [0, 100_000, 150_000, 250_000],
    entrances: ["free", "pay-at-site", "prepaid-online"],
  },
  theater: {
    titles: ["Community Theatre Night", "Shakespeare in the Garden", "Improvised Theatre", "Balinese Mask Theatre (Topeng)", "One-Woman Play", "Children's Theatre Matinee", "Drama Gong Performance", "Play Reading Circle"],
    about: ["A new production by an island theatre company, performed in English.", "Topeng masked dance-drama telling the stories of ancient kings.", "Actors, a bare stage and your imagination."],
    words: ["actors", "play", "drama", "topeng", "masks", "script", "rehearsal", "matinee", "premiere", "audience", "ensemble", "director"],
    hours: [15, 18, 19, 20],
    minutes: [90, 120, 150],
    fees: [75_000, 150_000, 200_000, 300_000],
    entrances: ["pay-at-site", "prepaid-online"],
  },
  "music-concert": {
    titles: ["Gamelan & Jazz Fusion", "Acoustic Sunset Session", "Live Reggae Night", "Indonesian Indie Night", "Classical Piano Recital", "Kirtan Concert", "Blues Jam", "Electronic Live Set", "Singer-Songwriter Evening", "Malam Musik Akustik", "Rindik Bamboo Orchestra"],
    about: ["Live music from local and visiting artists; food and drinks at the venue.", "The rindik, Bali's bamboo xylophone, meets guitar, bass and voice.", "An intimate concert, unplugged and close to the musicians."],
    words: ["gamelan", "jazz", "acoustic", "reggae", "piano", "guitar", "band", "vocals", "rindik", "bamboo", "setlist", "concert", "musik", "kirtan", "groove"],
    hours: [17, 18, 19, 20, 21],
    minutes: [120, 180, 240],
    fees: [0, 100_000, 150_000, 250_000, 350_000, 500_000],
    entrances: ["free", "prepaid-online", "pay-at-site"],
  },
  "dance-performance": {
    titles: ["Kecak Fire Dance", "Legong Dance", "Barong & Keris Dance", "Tari Pendet", "Contemporary Dance Premiere", "Tari Kecak at Sunset", "Baris Warrior Dance", "Joged Bumbung Evening", "Tari Janger"],
    about: ["A traditional Balinese performance with live gamelan; arrive early for the best seats.", "Dozens of chanting men in a circle, a story from the Ramayana and a fire at the centre.", "Young dancers of the village sanggar show what they have learned this season."],
    words: ["kecak", "legong", "barong", "tari", "ramayana", "sanggar", "costume", "gamelan", "choreography", "dancers", "pendet", "chanting", "temple"],
    hours: [17, 18, 19],
    minutes: [60, 75, 90],
    fees: [100_000, 125_000, 150_000, 200_000],
    entrances: ["pay-at-site", "prepaid-online"],
  },
  "art-exhibition": {
    titles: ["Contemporary Balinese Painting", "Photography of the Rice Terraces", "Open Studio", "Pameran Seni Rupa", "Sculpture Garden Opening", "Textile & Ikat Exhibition", "Young Artists Showcase", "Batuan Painting Retrospective", "Street Art Walk"],
    about: ["Opening night with the artists present; the exhibition stays open daily until closing.", "Works in canvas, wood, stone and fabric from painters of the Ubud and Batuan schools.", "A curated show of new work by emerging Indonesian artists."],
    words: ["painting", "canvas", "sculpture", "gallery", "curator", "ikat", "textile", "pameran", "seni", "artists", "opening", "collection", "batuan", "woodcarving"],
    hours: [10, 16, 17, 18],
    minutes: [180, 240, 7 * 1440, 14 * 1440, 30 * 1440],
    fees: [0, 50_000, 100_000],
    entrances: ["free", "pay-at-site", "donation-based"],
  },
  workshop: {
    titles: ["Balinese Offering Making", "Natural Dye & Batik", "Silver Jewellery Making", "Permaculture Garden Design", "Pottery on the Wheel", "Woodcarving for Beginners", "Kelas Membuat Canang", "Bamboo Building Workshop", "Watercolour Sketching", "Songket Weaving Class", "Creative Writing Workshop"],
    about: ["Hands-on and in a small group; all materials are included and you take home what you make.", "Learn a traditional craft from a master artisan in their own workshop.", "A practical day of design, building and planting."],
    words: ["batik", "canang", "offering", "silver", "jewellery", "pottery", "clay", "bamboo", "weaving", "songket", "craft", "artisan", "materials", "permaculture", "compost", "kelas"],
    hours: [9, 10, 13, 14],
    minutes: [120, 180, 240, 360],
    fees: [250_000, 350_000, 450_000, 650_000, 850_000],
    entrances: ["by-registration-only", "prepaid-online", "pay-at-site"],
  },
  retreat: {
    titles: ["Silent Retreat", "Yoga & Detox Retreat", "Women's Wellness Retreat", "Men's Circle Retreat", "Digital Detox Weekend", "Jungle Meditation Retreat", "Surf & Yoga Retreat", "Plant-Based Reset Retreat"],
    about: ["Accommodation, meals and all sessions included; places are limited.", "Days of practice, nourishing food and time in nature, far from screens.", "A small group, a quiet place in the hills and experienced facilitators."],
    words: ["retreat", "accommodation", "detox", "silence", "nature", "villa", "jungle", "immersion", "cleanse", "reset", "sanctuary", "hills"],
    hours: [13, 14, 15],
    minutes: [2 * 1440, 3 * 1440, 4 * 1440, 5 * 1440, 7 * 1440],
    fees: [2_500_000, 3_500_000, 5_500_000, 7_500_000, 9_800_000],
    entrances: ["by-registration-only", "prepaid-online"],
  },
  meditation: {
    titles: ["Vipassana Evening Sit", "Guided Meditation", "Silent Morning Meditation", "Loving-Kindness Circle", "Meditasi Bersama", "Zen Sitting", "Walking Meditation in the Rice Fields", "Transcendental Meditation Intro", "Candlelight Meditation"],
    about: ["A guided session for beginners and regular meditators alike; cushions provided.", "Sit in stillness, then walk slowly and silently along the rice fields.", "An introduction to meditation with time for questions."],
    words: ["meditation", "meditasi", "vipassana", "mindfulness", "stillness", "silence", "awareness", "compassion", "cushion", "zen", "breath", "presence"],
    hours: [6, 7, 8, 17, 18, 19],
    minutes: [45, 60, 90],
    fees: [0, 50_000, 75_000, 100_000],
    entrances: ["free", "donation-based", "pay-at-site"],
  },
  "sound-healing": {
    titles: ["Sound Bath", "Gong Meditation Journey", "Tibetan Singing Bowls", "Crystal Bowl Sound Journey", "Didgeridoo Sound Healing", "Sound & Cacao Ceremony", "Gong Bath under the Stars"],
    about: ["Lie back and let the vibrations of gongs, bowls and chimes carry you into deep rest.", "Blankets and eye pillows provided; just bring yourself and an open mind.", "A sound journey with gongs, crystal bowls and voice."],
    words: ["gong", "bowls", "vibration", "frequency", "resonance", "chimes", "didgeridoo", "crystal", "tibetan", "rest", "sound", "healing"],
    hours: [10, 17, 18, 19],
    minutes: [60, 75, 90, 120],
    fees: [150_000, 200_000, 250_000, 300_000],
    entrances: ["prepaid-online", "pay-at-site"],
  },
  breathwork: {
    titles: ["Holotropic Breathwork", "Wim Hof Breath & Ice Bath", "Rebirthing Breathwork", "Conscious Connected Breath", "Breath & Cold Plunge", "Pranayama Intensive"],
    about: ["A facilitated breathwork session followed by integration and sharing; eat lightly beforehand.", "Breathe, then plunge into ice water with a trained coach by your side."],
    words: ["breathwork", "breathing", "ice bath", "cold plunge", "oxygen", "holotropic", "pranayama", "integration", "facilitator", "wim hof"],
    hours: [8, 9, 16, 17],
    minutes: [90, 120, 150],
    fees: [250_000, 300_000, 350_000, 450_000],
    entrances: ["by-registration-only", "prepaid-online"],
  },
  "ecstatic-dance": {
    titles: ["Ecstatic Dance", "Conscious Dance Journey", "Ecstatic Dance on the Beach", "Cacao & Ecstatic Dance", "5Rhythms Wave", "Sunrise Dance", "Contact Improvisation Jam"],
    about: ["No shoes, no talking, no phones on the dance floor: just music, movement and a live DJ set.", "An opening circle, a wave of music from slow to wild and back, and a closing sound bath."],
    words: ["ecstatic", "dance", "dj", "movement", "rhythm", "cacao", "barefoot", "dancefloor", "wave", "5rhythms", "contact", "freedom"],
    hours: [9, 10, 17, 18],
    minutes: [120, 150, 180],
    fees: [150_000, 180_000, 200_000],
    entrances: ["pay-at-site", "prepaid-online"],
  },
  festival: {
    titles: ["Spirit Gathering", "Village Arts Festival", "Wellness Festival", "Ocean Film Festival", "Writers & Readers Festival", "Bali Kite Festival", "Jazz Festival", "Food & Culture Festival", "Festival Seni Desa"],
    about: ["Workshops, music, dance and food across several stages; day passes at the gate.", "The whole village celebrates, with giant kites, processions and gamelan.", "Talks, readings and performances with writers from Indonesia and abroad."],
    words: ["festival", "stages", "programme", "kites", "lineup", "procession", "writers", "readings", "tickets", "celebration", "crowd", "village"],
    hours: [9, 10, 11],
    minutes: [480, 600, 1440 + 600, 2 * 1440 + 600],
    fees: [0, 250_000, 500_000, 850_000],
    entrances: ["free", "prepaid-online", "pay-at-site"],
  },
  "market-bazaar": {
    titles: ["Farmers Market", "Night Market & Street Food", "Artisan Makers Bazaar", "Vintage & Pre-loved Market", "Pasar Malam", "Pasar Seni", "Organic Market", "Flea Market", "Christmas Bazaar", "Pasar Pagi"],
    about: ["Local growers, makers and food stalls in one place; bring your own bag, the market is plastic-free.", "Satay, martabak, fresh juice and handmade crafts under strings of lights.", "Pre-loved clothes, books, records and furniture at fair prices."],
    words: ["pasar", "market", "stalls", "organic", "vegetables", "fruit", "handmade", "vintage", "street food", "satay", "martabak", "bazaar", "plastic-free", "makers"],
    hours: [7, 8, 9, 16, 17],
    minutes: [240, 300, 360],
    fees: [0],
    entrances: ["free"],
  },
  "food-culinary": {
    titles: ["Balinese Cooking Class", "Plant-Based Supper Club", "Coffee Cupping & Roasting", "Jamu Herbal Tonic Workshop", "Chocolate Making", "Kelas Memasak Bali", "Raw Food Masterclass", "Wine & Cheese Tasting", "Sambal Making", "Babi Guling Feast"],
    about: ["Cook, taste and learn the stories behind the island's flavours; vegetarian options on request.", "Visit the morning market, then cook five dishes in an open-air kitchen.", "From bean to cup: roasting, grinding and tasting single-origin Kintamani coffee."],
    words: ["cooking", "recipes", "sambal", "jamu", "turmeric", "coffee", "chocolate", "cacao", "spices", "kitchen", "tasting", "vegan", "feast", "rendang", "lawar", "warung"],
    hours: [8, 9, 11, 18, 19],
    minutes: [150, 180, 240],
    fees: [250_000, 350_000, 450_000, 550_000, 750_000],
    entrances: ["by-registration-only", "prepaid-online", "pay-at-site"],
  },
  "sports-fitness": {
    titles: ["Surf Fitness Bootcamp", "Trail Run to the Waterfall", "Beach Volleyball Social", "Muay Thai Class", "Stand-up Paddle Tour", "Sunrise Volcano Hike", "CrossFit Open Workout", "Cycling Tour through the Villages", "Free Diving Intro", "Pencak Silat Class"],
    about: ["An active session for all fitness levels with a qualified coach; bring water and sun protection.", "Meet before dawn, hike to the crater rim and watch the sun rise over the lake.", "Explore back roads, rice terraces and temples by bicycle."],
    words: ["surf", "fitness", "bootcamp", "running", "hike", "volcano", "cycling", "paddle", "volleyball", "muay thai", "silat", "diving", "coach", "workout", "waterfall"],
    hours: [5, 6, 7, 16, 17],
    minutes: [60, 90, 120, 240],
    fees: [0, 100_000, 150_000, 350_000, 600_000],
    entrances: ["free", "pay-at-site", "prepaid-online"],
  },
  wellness: {
    titles: ["Balinese Massage Masterclass", "Ayurveda Wellness Day", "Ice Bath & Sauna Social", "Women's Circle", "Spa & Flower Bath Ritual", "Detox Juice Day", "Lymphatic Drainage Workshop", "Wellness Talk"],
    about: ["Restore body and mind with experienced practitioners; towels provided.", "A slow day of oils, herbs and warm water inspired by Ayurveda.", "Sauna, ice bath and tea with good company."],
    words: ["wellness", "massage", "ayurveda", "sauna", "spa", "oils", "herbal", "flower bath", "relaxation", "self-care", "circle", "rituals"],
    hours: [9, 10, 14, 15, 16],
    minutes: [90, 120, 180, 360],
    fees: [150_000, 250_000, 450_000, 750_000],
    entrances: ["by-registration-only", "pay-at-site", "members-only", "prepaid-online"],
  },
  "spiritual-ceremony": {
    titles: ["Melukat Water Purification", "New Moon Fire Ceremony", "Cacao Ceremony", "Full Moon Temple Ceremony", "Upacara Melukat", "Purnama Blessing", "Fire Puja", "Upacara Odalan Visit"],
    about: ["A respectful introduction to a traditional ceremony, with a local guide; sarong and sash provided.", "Purification in the holy springs, guided by a pemangku of the temple.", "Set your intention around the fire with songs and prayers."],
    words: ["upacara", "melukat", "purification", "temple", "pura", "pemangku", "blessing", "offerings", "purnama", "tirta", "holy water", "puja", "sarong", "prayer", "ceremony"],
    hours: [6, 7, 17, 18],
    minutes: [120, 180],
    fees: [0, 150_000, 200_000, 300_000],
    entrances: ["by-registration-only", "donation-based", "free"],
  },
  photography: {
    titles: ["Photography Walk", "Portrait Photography Workshop", "Sunrise Photo Tour", "Mobile Photography Basics", "Film Photography Darkroom", "Drone Photography Meet-up", "Street Photography in Denpasar"],
    about: ["Learn composition and light while walking through the villages with your camera.", "Bring any camera, even a phone; small group with personal feedback."],
    words: ["photography", "camera", "lens", "composition", "light", "portrait", "darkroom", "drone", "street", "editing", "golden hour", "film"],
    hours: [5, 6, 16, 17],
    minutes: [120, 180, 240],
    fees: [150_000, 250_000, 400_000],
    entrances: ["by-registration-only", "prepaid-online", "pay-at-site"],
  },
  "film-screening": {
    titles: ["Open-Air Cinema", "Indonesian Film Night", "Ocean Documentaries", "Surf Film Night", "Classic Movie Night", "Short Film Showcase", "Nonton Bareng", "Environmental Documentary & Talk"],
    about: ["Bean bags, popcorn and a big screen under the stars; films shown with English subtitles.", "A screening followed by a conversation with the director."],
    words: ["cinema", "film", "screening", "documentary", "subtitles", "director", "popcorn", "movie", "shorts", "nonton", "screen"],
    hours: [18, 19, 20],
    minutes: [120, 150],
    fees: [0, 50_000, 75_000, 100_000],
    entrances: ["free", "pay-at-site", "donation-based"],
  },
  comedy: {
    titles: ["Stand-up Comedy Open Mic", "Improv Comedy Night", "Comedy Roast", "Bilingual Comedy Night", "Sketch Comedy Show", "Stand-up Special"],
    about: ["Local and visiting comedians, in English; come early to sign up for the open mic.", "Jokes in English and Bahasa Indonesia, with a headliner from Jakarta."],
    words: ["comedy", "stand-up", "improv", "comedians", "jokes", "laughter", "headliner", "open mic", "sketch", "roast"],
    hours: [19, 20, 21],
    minutes: [90, 120],
    fees: [75_000, 100_000, 150_000],
    entrances: ["pay-at-site", "prepaid-online"],
  },
  networking: {
    titles: ["Digital Nomad Meet-up", "Creative Entrepreneurs Breakfast", "Founders Coffee", "Women in Business Lunch", "Web3 Builders Night", "Sustainability Professionals Mixer", "Coworking Open Day"],
    about: ["Short talks, then open networking; coffee included.", "Meet founders, freelancers and remote workers who call the island home."],
    words: ["networking", "founders", "startups", "freelancers", "nomads", "coworking", "business", "talks", "pitch", "mentors", "remote work", "mixer"],
    hours: [8, 9, 12, 18, 19],
    minutes: [90, 120, 150],
    fees: [0, 100_000, 150_000, 250_000],
    entrances: ["free", "by-registration-only", "pay-at-site"],
  },
  "community-gathering": {
    titles: ["Beach Clean-up & Breakfast", "Newcomers Meet-up", "Community Potluck Dinner", "Language Exchange", "Gotong Royong Village Clean-up", "Banjar Community Night", "Tree Planting Day", "Book Club", "Board Games Night"],
    about: ["Everyone is welcome; bring a friend, a dish or just yourself.", "Practise your Bahasa Indonesia and help someone with their English.", "Gotong royong: the village works together, then shares a meal."],
    words: ["community", "potluck", "clean-up", "beach", "volunteers", "banjar", "gotong royong", "language", "bahasa", "books", "games", "neighbours", "trees"],
    hours: [7, 8, 16, 18, 19],
    minutes: [120, 180],
    fees: [0],
    entrances: ["free", "donation-based"],
  },
};

/** Words put in front of a title now and then. */
export const TITLE_PREFIXES = [
  "Sunrise", "Sunset", "Full Moon", "New Moon", "Morning", "Evening", "Weekend", "Sunday", "Friday Night", "Beginners'", "Advanced",
  "Community", "Intimate", "Open-Air", "Jungle", "Beachside", "Rooftop", "Riverside", "Rice Field", "Candlelit", "Monthly", "Weekly",
  "Introductory", "Deep", "Gentle", "Slow", "Sacred", "Family", "Kids'", "Midweek", "Twilight", "Lantern-lit", "Garden", "Clifftop",
];

/** Endings added to some titles. */
export const TITLE_SUFFIXES = [
  "for Beginners", "& Cacao", "with Live Music", "by the Sea", "in the Jungle", "at the Temple", "& Brunch", "& Sharing Circle",
  "(English & Bahasa)", "for Couples", "for Women", "for Families", "Intensive", "Masterclass", "Edition", "Special", "Bersama", "di Sawah",
];

/** Filler for descriptions: English words seen in Bali's listings. */
export const ADJECTIVES = [
  "gentle", "joyful", "mindful", "nourishing", "playful", "grounding", "uplifting", "peaceful", "vibrant", "soulful", "intimate", "restorative",
  "creative", "traditional", "contemporary", "authentic", "tropical", "sacred", "colourful", "heartfelt", "inspiring", "curious", "quiet",
  "energising", "healing", "transformative", "welcoming", "friendly", "lush", "ancient", "sustainable", "organic", "handmade", "local",
];

export const NOUNS = [
  "ocean", "jungle", "volcano", "rice terraces", "river", "waterfall", "temple", "village", "garden", "frangipani", "lotus", "banyan",
  "coconut", "bamboo", "sunrise", "sunset", "moonlight", "monsoon", "community", "connection", "gratitude", "intention", "creativity",
  "friendship", "storytelling", "tradition", "heritage", "craftsmanship", "nature", "body", "mind", "spirit", "heart", "journey", "harmony",
  "rhythm", "silence", "laughter", "flavours", "colours", "textures", "culture", "ritual", "ceremony", "island", "beach", "cliffs", "valley",
];

export const GERUNDS = [
  "sharing", "listening", "moving", "breathing", "stretching", "laughing", "learning", "cooking", "painting", "singing", "drumming",
  "dancing", "walking", "resting", "journaling", "reflecting", "exploring", "tasting", "making", "connecting", "celebrating", "swimming",
];

/** Sentences in (or with) Indonesian that listings here often carry. */
export const INDONESIAN_SENTENCES = [
  "Semua orang dipersilakan: everyone is welcome.",
  "Terima kasih, and sampai jumpa!",
  "Please wear a sarong and sash (kain and selendang) when entering the pura.",
  "Harga khusus untuk warga lokal: special price for KITAS holders and locals.",
  "Organised with the banjar; part of the proceeds support the desa adat.",
  "Bring your own tumbler: kami bebas plastik.",
  "Ada parkir motor di depan, scooter parking in front.",
  "Kelas ini dalam bahasa Inggris dan bahasa Indonesia.",
  "Makanan dan minuman tersedia: food and drinks available.",
  "Mari bergabung dengan kami for an unforgettable malam.",
  "Suksma! Our thanks to the pemangku and the whole banjar.",
  "Yoga pagi, meditasi sore, and time to rest in between.",
];

export const PRACTICAL_SENTENCES = [
  "Bring water, a towel and an open mind.",
  "Arrive ten minutes early to settle in.",
  "Wear comfortable clothes you can move in.",
  "Places are limited, so please book ahead.",
  "Children are welcome with an adult.",
  "The venue is wheelchair accessible.",
  "Vegetarian and vegan snacks are served afterwards.",
  "In case of heavy rain we move indoors.",
  "Parking for scooters is available at the entrance.",
  "Payment in cash (rupiah) or by QRIS at the door.",
  "No previous experience is needed.",
  "Mosquito repellent is a good idea after sunset.",
  "Photos may be taken during the event.",
  "Tea, fruit and coconut water are included.",
];

export const BALINESE_FIRST_NAMES = ["Wayan", "Made", "Nyoman", "Ketut", "Putu", "Kadek", "Komang", "Gede", "Ayu", "Dewi", "Agung", "Gusti", "Luh", "Ida Bagus", "Ni Made", "Cokorda"];
export const BALINESE_LAST_NAMES = ["Sari", "Putra", "Wirawan", "Lestari", "Arta", "Suardana", "Pratama", "Dharma", "Widiastuti", "Suastika", "Mahendra", "Saraswati", "Wiguna", "Adnyana", "Astuti", "Budiasa"];
export const INTERNATIONAL_FIRST_NAMES = ["Sarah", "Tom", "Lena", "Maya", "Jonas", "Chloe", "Liam", "Aiko", "Marco", "Sofia", "Noah", "Emma", "Luca", "Mia", "Ravi", "Hannah", "Oliver", "Isabel", "Kenji", "Ana", "Felix", "Zoe", "Arjun", "Nina"];
export const INTERNATIONAL_LAST_NAMES = ["Connelly", "Becker", "Fischer", "Sinclair", "Rossi", "Dubois", "Tanaka", "Novak", "Larsen", "Moreau", "Okafor", "Silva", "Kowalski", "Nguyen", "Patel", "O'Brien", "Haddad", "Jansen", "Costa", "Weber"];

export const ORGANISATION_WORDS = ["Ubud", "Canggu", "Sanur", "Lotus", "Banyan", "Frangipani", "Bamboo", "Jungle", "Ocean", "Moonlight", "Sacred", "Island", "Rice Field", "Kintamani", "Tirta", "Surya", "Bulan", "Bumi", "Dharma", "Santi", "Shanti", "Coconut", "Volcano", "Green"];
export const ORGANISATION_KINDS = ["Collective", "Studio", "Shala", "Sanctuary", "Community", "Foundation", "Events", "Arts", "Kitchen", "House", "Club", "Academy", "Sanggar", "Retreats", "Project", "Circle"];

export const VENUE_WORDS = ["Lotus", "Bamboo", "Banyan", "Coconut Grove", "Rice Terrace", "Frangipani", "Jungle", "Sunset", "Ocean View", "Temple Garden", "River", "Hilltop", "Sawah", "Tirta", "Surya", "Bulan", "Kayu", "Batu"];
export const VENUE_KINDS = ["Pavilion", "Shala", "Studio", "Hall", "Garden", "Beach Club", "Café", "Warung", "Villa", "Gallery", "Amphitheatre", "Wantilan", "Dome", "Loft", "Bale Banjar"];
export const STREET_NAMES = ["Raya", "Hanoman", "Monkey Forest", "Pantai Batu Bolong", "Danau Tamblingan", "Petitenget", "Kayu Aya", "Labuan Sait", "Padang Linjong", "Gautama", "Bisma", "Sri Wedari", "Suweta", "Goutama Selatan", "Batu Mejan", "Uluwatu"];

export const UNPUBLISH_REASONS = ["Reported as a duplicate listing.", "The organiser asked us to take it down.", "Missing venue details; please add them and resubmit.", "Listing did not follow the posting rules."];

/**
 * The words visitors search for in the benchmark: every distinct word of
 * the vocabulary above (titles, themes, descriptions, Indonesian), plus
 * location names. Lower-case, at least three letters.
 */
export function searchVocabulary(locationNames: readonly string[], typeNames: readonly string[]): string[] {
  const texts: string[] = [...locationNames, ...typeNames, ...TITLE_PREFIXES, ...TITLE_SUFFIXES, ...ADJECTIVES, ...NOUNS, ...GERUNDS, ...INDONESIAN_SENTENCES, ...ORGANISATION_WORDS, ...VENUE_WORDS];
  for (const theme of Object.values(TYPE_THEMES)) texts.push(...theme.titles, ...theme.words, ...theme.about);
  const words = new Set<string>();
  for (const text of texts) {
    for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (word.length >= 3 && !STOP_WORDS.has(word)) words.add(word);
    }
  }
  return [...words].sort();
}

const STOP_WORDS = new Set(["the", "and", "for", "with", "from", "you", "your", "our", "all", "its", "their", "this", "that", "then", "into", "far", "one", "can", "use", "are", "who", "what", "how", "just", "get", "any", "has", "was", "out", "back", "each", "day", "days", "ini", "dan", "ada", "the", "kami"]);
