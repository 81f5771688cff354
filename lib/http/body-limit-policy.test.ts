import { describe, expect, it } from "vitest";
import { COVER_IMAGE_MAX_BYTES } from "@/lib/images/cover-image-rules";
import { BODY_LIMITS, bodyLimitFor } from "./body-limit-policy";

const KB = 1024;
const MB = 1024 * KB;
const limit = (url: string, contentType?: string) => bodyLimitFor({ url, headers: contentType ? { "content-type": contentType } : {} });

describe("bodyLimitFor", () => {
  it("caps the Stripe webhook at 1 MB", () => {
    expect(limit("/api/webhooks/stripe", "application/json")).toMatchObject({ name: "stripeWebhook", bytes: 1 * MB });
  });

  it("caps Auth.js endpoints at 64 KB, whatever the content type", () => {
    expect(limit("/api/auth/callback/credentials", "application/x-www-form-urlencoded").bytes).toBe(64 * KB);
    expect(limit("/api/auth/callback/credentials?x=1", "multipart/form-data; boundary=x").bytes).toBe(64 * KB);
  });

  it("caps the JSON API at 256 KB", () => {
    expect(limit("/api/v1/events", "application/json")).toMatchObject({ name: "jsonApi", bytes: 256 * KB });
    expect(limit("/api/admin/reference/locations", "multipart/form-data; boundary=x").bytes).toBe(256 * KB);
  });

  it("lets the event form's server action carry a cover image: the upload limit plus 1 MB", () => {
    for (const page of [
      "/dashboard/events/new",
      "/dashboard/events/0b5a1f4e-0000-4000-8000-000000000000/edit",
      "/admin/events/0b5a1f4e-0000-4000-8000-000000000000/edit",
    ]) {
      expect(limit(page, "multipart/form-data; boundary=----WebKitFormBoundary")).toMatchObject({ name: "upload", bytes: COVER_IMAGE_MAX_BYTES + 1 * MB });
    }
    // Next's own server-action limit (next.config.mjs, "6mb") is no smaller.
    expect(BODY_LIMITS.upload.bytes).toBe(6 * MB);
  });

  it("caps forms without files at 64 KB: urlencoded posts, non-multipart server actions, multipart elsewhere", () => {
    expect(limit("/dashboard/events/new", "text/plain;charset=UTF-8")).toMatchObject({ name: "form", bytes: 64 * KB });
    expect(limit("/login", "multipart/form-data; boundary=x").bytes).toBe(64 * KB);
    expect(limit("/events/some-event/report", "application/x-www-form-urlencoded").bytes).toBe(64 * KB);
    expect(limit("/").bytes).toBe(64 * KB);
  });
});
