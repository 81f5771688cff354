import "server-only";
import { db, type Prisma } from "@/lib/db";

/** How long a request waits for its confirmation: the confirmation token's lifetime (lib/auth/tokens.ts). */
export const PENDING_TTL_MS = 24 * 3_600_000;

/** A requested alert, as the confirmation mail and page name it. */
export type TPendingAlert = { kind: "query"; query: string } | { kind: "creator"; name: string };

/** What a confirmation switches on: the subscriber's rows not confirmed yet. */
export type TPendingSubscription = { savedEvents: number; alerts: TPendingAlert[] };

/**
 * The subscriber's unconfirmed saved events (a count) and alerts, oldest first: everything the newest confirmation
 * link will switch on. The mail lists them and so does the page the link opens, so nobody confirms, unseen, what
 * someone else asked for at their address.
 */
export async function loadPendingSubscription(subscriberId: string, client: Prisma.TransactionClient = db): Promise<TPendingSubscription> {
  // One after the other: `client` may be a transaction, which runs one statement at a time anyway.
  const savedEvents = await client.savedEvent.count({ where: { subscriberId, confirmedAt: null } });
  const alerts = await client.alert.findMany({
    where: { subscriberId, confirmedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { kind: true, query: true, creator: { select: { name: true, organisation: true } } },
  });
  return {
    savedEvents,
    alerts: alerts.map((alert): TPendingAlert =>
      alert.kind === "QUERY"
        ? { kind: "query", query: alert.query ?? "" }
        : { kind: "creator", name: alert.creator?.organisation || alert.creator?.name || "" },
    ),
  };
}
