import "server-only";
import { after } from "next/server";
import { headers } from "next/headers";
import { getClientIp } from "./client-ip";
import { recordPageView } from "@/lib/stats/record-page-view";

/** Counts the current page view after the response has been sent (never slows the page). */
export async function trackPageView({ eventId }: { eventId?: string } = {}): Promise<void> {
  const requestHeaders = await headers();
  const ip = getClientIp(requestHeaders);
  const userAgent = requestHeaders.get("user-agent") ?? "";
  after(() => recordPageView({ ip, userAgent, eventId }));
}
