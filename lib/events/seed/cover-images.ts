import { mkdir, stat } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

/** Twelve warm palettes for generated demo covers (no downloads: drawn locally from SVG). */
const PALETTES: [string, string, string][] = [
  ["#f59e0b", "#ea580c", "#fde68a"],
  ["#10b981", "#065f46", "#a7f3d0"],
  ["#0ea5e9", "#1e3a8a", "#bae6fd"],
  ["#f472b6", "#9d174d", "#fbcfe8"],
  ["#84cc16", "#3f6212", "#d9f99d"],
  ["#a78bfa", "#4c1d95", "#ddd6fe"],
  ["#fb7185", "#9f1239", "#fecdd3"],
  ["#22d3ee", "#155e75", "#cffafe"],
  ["#facc15", "#a16207", "#fef9c3"],
  ["#f97316", "#7c2d12", "#fed7aa"],
  ["#34d399", "#134e4a", "#ccfbf1"],
  ["#60a5fa", "#312e81", "#dbeafe"],
];

function coverSvg(palette: number, width: number, height: number): string {
  const colours = PALETTES[palette % PALETTES.length];
  if (!colours) throw new Error(`No demo cover palette for ${palette}: a non-negative integer is expected.`);
  const [from, to, light] = colours;
  const x = 180 + palette * 20;
  const palm = [
    `M${x} 560 q 30 -180 0 -300`,
    `M${x} 300 q -70 -20 -120 30`,
    `M${x} 300 q 70 -30 120 20`,
    `M${x} 300 q -20 -70 -90 -80`,
    `M${x} 300 q 30 -70 100 -70`,
  ].join(" ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 1280 800">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
  <rect width="1280" height="800" fill="url(#g)"/>
  <circle cx="${900 + palette * 15}" cy="${230 + palette * 8}" r="140" fill="${light}" opacity="0.85"/>
  <path d="M0 560 C 200 480 400 640 640 560 S 1080 480 1280 560 L1280 800 L0 800 Z" fill="${light}" opacity="0.35"/>
  <path d="M0 640 C 240 580 420 720 700 640 S 1100 590 1280 650 L1280 800 L0 800 Z" fill="#000" opacity="0.18"/>
  <path d="${palm}" stroke="#1c1917" stroke-width="14" fill="none" opacity="0.55" stroke-linecap="round"/>
</svg>`;
}

export const COVER_SIZES = { card: { width: 640, height: 400 }, large: { width: 1280, height: 800 } } as const;

/** Writes seed/cover-<n>-card.webp and -large.webp under the upload folder (once) and returns their keys. */
export async function ensureCoverImage(
  uploadDir: string,
  palette: number,
): Promise<{ cardKey: string; largeKey: string; width: number; height: number; bytes: number }> {
  const folder = path.join(uploadDir, "seed");
  await mkdir(folder, { recursive: true });
  let bytes = 0;
  const keys = { cardKey: `seed/cover-${palette}-card.webp`, largeKey: `seed/cover-${palette}-large.webp` };
  for (const [size, key] of [
    ["card", keys.cardKey],
    ["large", keys.largeKey],
  ] as const) {
    const file = path.join(uploadDir, key);
    const existing = await stat(file).catch(() => null);
    if (existing) {
      bytes += existing.size;
      continue;
    }
    const { width, height } = COVER_SIZES[size];
    const info = await sharp(Buffer.from(coverSvg(palette, width, height)))
      .resize(width, height)
      .webp({ quality: 78 })
      .toFile(file);
    bytes += info.size;
  }
  return { ...keys, width: COVER_SIZES.large.width, height: COVER_SIZES.large.height, bytes };
}
