import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { COVER_IMAGE_MAX_BYTES, detectImageType, processCoverImage } from "./process-cover-image";

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 150, b: 90 } } });

/** A camera-like JPEG: EXIF with a maker, a serial and GPS, stored sideways (Orientation 6 = rotate 90° to view). */
async function cameraJpeg(width = 2000, height = 1000): Promise<Buffer> {
  return solid(width, height)
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: "ZenCam", Model: "Secret Serial 4711", Copyright: "Private" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "8/1 30/1 0/1" } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

async function refusal(input: Buffer): Promise<AppError> {
  const error = await processCoverImage(input).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("detectImageType", () => {
  it("reads the magic bytes", () => {
    expect(detectImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe("image/jpeg");
    expect(detectImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(detectImageType(Buffer.from("RIFF\x10\x00\x00\x00WEBPVP8 ", "latin1"))).toBe("image/webp");
    expect(detectImageType(Buffer.from("RIFF\x10\x00\x00\x00WAVEfmt ", "latin1"))).toBeNull(); // a RIFF, but audio
    expect(detectImageType(Buffer.from("GIF89a"))).toBeNull();
    expect(detectImageType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(detectImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(detectImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe("processCoverImage", () => {
  it("turns a camera JPEG upright, re-encodes it to WebP in two sizes and drops its EXIF", async () => {
    const input = await cameraJpeg();
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const image = await processCoverImage(input);
    expect(image.sourceType).toBe("image/jpeg");

    for (const [rendition, width, height] of [
      [image.card, 640, 1280],
      [image.large, 1000, 2000],
    ] as const) {
      const metadata = await sharp(rendition.body).metadata();
      expect(metadata.format).toBe("webp");
      // Upright: 2000×1000 stored sideways is 1000×2000 to look at; never enlarged past 1000 wide.
      expect([metadata.width, metadata.height]).toEqual([width, height]);
      expect([rendition.width, rendition.height]).toEqual([width, height]);
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
      expect(rendition.body.includes("ZenCam")).toBe(false);
      expect(rendition.body.includes("Secret Serial")).toBe(false);
    }
    expect([image.width, image.height]).toEqual([1000, 2000]);
    expect(image.bytes).toBe(image.card.body.length + image.large.body.length);
  });

  it("accepts PNG and WebP; a wide image gets a 640 card and a 1280 large rendition", async () => {
    for (const input of [await solid(3000, 1500).png().toBuffer(), await solid(3000, 1500).webp().toBuffer()]) {
      const image = await processCoverImage(input);
      expect([image.card.width, image.card.height]).toEqual([640, 320]);
      expect([image.large.width, image.large.height]).toEqual([1280, 640]);
      expect((await sharp(image.large.body).metadata()).format).toBe("webp");
    }
  });

  it("keeps transparency of a PNG", async () => {
    const input = await sharp({ create: { width: 50, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const image = await processCoverImage(input);
    expect((await sharp(image.card.body).metadata()).hasAlpha).toBe(true);
    expect([image.card.width, image.card.height]).toEqual([50, 40]); // never enlarged
  });

  it("names the renditions by content: the same file gets the same keys, another file other keys", async () => {
    const a = await processCoverImage(await solid(800, 500).png().toBuffer());
    const again = await processCoverImage(await solid(800, 500).png().toBuffer());
    const b = await processCoverImage(await solid(801, 500).png().toBuffer());
    expect(a.card.key).toMatch(/^covers\/([0-9a-f]{2})\/\1[0-9a-f]{62}-card\.webp$/);
    expect(a.large.key).toBe(a.card.key.replace(/-card\.webp$/, "-large.webp"));
    expect(again.card.key).toBe(a.card.key);
    expect(b.card.key).not.toBe(a.card.key);
  });

  it("refuses what is not a JPEG, PNG or WebP by content, whatever it is called (415)", async () => {
    for (const input of [
      Buffer.from("Just some text pretending to be a photo.jpg\n"),
      await solid(10, 10).gif().toBuffer(),
      await solid(10, 10).tiff().toBuffer(),
      Buffer.from("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>"),
    ]) {
      const error = await refusal(input);
      expect(error).toMatchObject({
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: "Upload a JPEG, PNG or WebP image.",
        fields: { coverImage: "Upload a JPEG, PNG or WebP image." },
      });
      expect(error.status).toBe(415);
    }
  });

  it("refuses more than 5 MB (413), even a real image", async () => {
    const big = Buffer.concat([await solid(10, 10).jpeg().toBuffer(), Buffer.alloc(COVER_IMAGE_MAX_BYTES)]);
    const error = await refusal(big);
    expect(error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: "The image is larger than 5 MB." });
    expect(error.status).toBe(413);
  });

  it("refuses truncated and corrupt files and magic bytes with nothing behind them", async () => {
    const jpeg = await cameraJpeg(1200, 800);
    const png = await solid(300, 200).png().toBuffer();
    const corrupted = Buffer.from(png);
    corrupted.fill(0x42, 100, 400);
    for (const input of [
      jpeg.subarray(0, Math.floor(jpeg.length * 0.6)),
      png.subarray(0, png.length - 40),
      corrupted,
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
      Buffer.from("RIFF\x10\x00\x00\x00WEBPVP8 garbage", "latin1"),
    ]) {
      expect(await refusal(input)).toMatchObject({
        code: "INVALID_INPUT",
        message: "This file is not a valid image.",
        fields: { coverImage: "This file is not a valid image." },
      });
    }
  });

  it("refuses a small file that decodes to a huge image (decompression bomb)", async () => {
    // A PNG whose header claims 20000×20000 pixels (400 megapixels) in a few hundred bytes.
    const { data } = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } })
      .png()
      .toBuffer({ resolveWithObject: true });
    const bomb = Buffer.from(data);
    bomb.writeUInt32BE(20_000, 16); // IHDR width
    bomb.writeUInt32BE(20_000, 20); // IHDR height
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29); // IHDR CRC over type + data
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(20_000);
    expect(await refusal(bomb)).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: "The image is too large: at most 50 megapixels." });
  });
});
