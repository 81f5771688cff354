import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { errorToResponse, jsonError } from "@/lib/http/respond";
import { handleStripeWebhook, MAX_WEBHOOK_BYTES } from "@/lib/payments/handle-stripe-webhook";

export const dynamic = "force-dynamic";

/**
 * Stripe's webhook endpoint. The signature is computed over the exact bytes
 * Stripe sent, so the body is read raw (never parsed and re-serialised)
 * before anything else. 400 for a missing or bad signature, 200
 * `{ received: true }` for every verified event, handled or not; a 500 (so
 * that Stripe retries) only when our side fails.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    // Far bigger than any Stripe event: not verified, so a 400 like every unverifiable request.
    const tooLarge = () => jsonError(new AppError("BAD_REQUEST", "The Stripe signature could not be verified: the body is too large."));
    if (Number(request.headers.get("content-length") ?? 0) > MAX_WEBHOOK_BYTES) return tooLarge();
    const rawBody = await request.text();
    if (Buffer.byteLength(rawBody) > MAX_WEBHOOK_BYTES) return tooLarge();
    await handleStripeWebhook({ rawBody, signature: request.headers.get("stripe-signature") });
    return NextResponse.json({ received: true }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorToResponse(error);
  }
}
