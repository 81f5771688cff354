/**
 * The state `npm run bench:faults` creates before the faults and looks for
 * after them: sessions (creators signed in over HTTP, cookies kept), payments
 * (completed through the signed Stripe webhook), reports (sent through the
 * report form, as a browser without JavaScript posts it) and the mails those
 * queue in Redis while no worker runs. Everything goes through the running
 * production server; SQL is used only to set up rows no HTTP endpoint creates
 * (the creators' accounts, the pending payments a Checkout would have made)
 * and to count what is there afterwards.
 */
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { hashPassword } from "../../lib/auth/password";
import { FAKE_STRIPE_WEBHOOK_SECRET, signStripePayload, stripeEventPayload } from "../../tests/support/fake-stripe";
import { withRedisClient } from "./faults-services";
import { itemAt } from "./checked";

// ─── HTTP with cookies ───────────────────────────────────────────────────────

/** A tiny cookie jar: name → value, from Set-Cookie headers. */
export class Jar {
  readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

type TRequestOptions = { jar?: Jar; form?: Record<string, string> | FormData; headers?: Record<string, string>; body?: string };

export async function request(base: string, pathname: string, { jar, form, headers = {}, body }: TRequestOptions = {}): Promise<Response> {
  const isForm = form !== undefined;
  const response = await fetch(`${base}${pathname}`, {
    method: isForm || body !== undefined ? "POST" : "GET",
    headers: {
      ...(jar ? { cookie: jar.header() } : {}),
      ...(isForm && !(form instanceof FormData) ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      ...headers,
    },
    body: form instanceof FormData ? form : isForm ? new URLSearchParams(form) : body,
    redirect: "manual",
    signal: AbortSignal.timeout(15_000),
  });
  jar?.take(response);
  return response;
}

/** next-auth's CSRF token, and the cookie that goes with it (double-submit: valid for any number of sign-ins). */
export async function csrfPair(base: string): Promise<{ token: string; cookie: string }> {
  const jar = new Jar();
  const response = await request(base, "/api/auth/csrf", { jar });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: jar.header() };
}

/** "signed in", "temporarily unavailable", "rate limited", "wrong credentials", "error=<next-auth error>" or "status <n>". */
export type TSignInOutcome = string;

/** What a POST to /api/auth/callback/credentials answered, read from its redirect (next-auth puts the error in ?error= and our reason in ?code=). */
export function signInOutcome(status: number, location: string | undefined): TSignInOutcome {
  if (status < 300 || status >= 400 || !location) return `status ${status}`;
  const url = new URL(location, "http://x");
  const error = url.searchParams.get("error");
  const code = url.searchParams.get("code") ?? "";
  if (error === null) return "signed in";
  if (code === "unavailable") return "temporarily unavailable";
  if (code.startsWith("too_many_attempts")) return "rate limited";
  if (error === "CredentialsSignin") return code && code !== "credentials" ? `refused (${code})` : "wrong credentials";
  return `error=${error}`;
}

// ─── Accounts and sessions ───────────────────────────────────────────────────

export type TAccount = { id: string; email: string; name: string; password: string };

/** Verified creators with a real argon2 password (what /register + the email link would leave). */
export async function createCreators(db: pg.Pool, runId: string, count: number): Promise<TAccount[]> {
  const password = `faults ${randomBytes(12).toString("base64url")}`;
  const passwordHash = await hashPassword(password);
  const accounts: TAccount[] = [];
  for (let n = 1; n <= count; n++) {
    const email = `faults-${runId}-${n}@faults.example`;
    const name = `Fault Creator ${n}`;
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO users (id, email, password_hash, email_verified_at, name, updated_at) VALUES (gen_random_uuid(), $1, $2, now(), $3, now()) RETURNING id`,
      [email, passwordHash, name],
    );
    accounts.push({ id: itemAt(rows, 0).id, email, name, password });
  }
  return accounts;
}

export type TSession = { account: TAccount; jar: Jar };

/** Signs in through next-auth's credentials callback, as the login form does; the jar then holds the session cookie. */
export async function signIn(base: string, account: TAccount, ip: string): Promise<TSession> {
  const jar = new Jar();
  const { csrfToken } = (await (await request(base, "/api/auth/csrf", { jar })).json()) as { csrfToken: string };
  const response = await request(base, "/api/auth/callback/credentials", {
    jar,
    headers: { "x-forwarded-for": ip },
    form: { csrfToken, email: account.email, password: account.password, callbackUrl: `${base}/dashboard` },
  });
  const outcome = signInOutcome(response.status, response.headers.get("location") ?? undefined);
  if (outcome !== "signed in" || ![...jar.cookies.keys()].some((name) => name.includes("session-token"))) {
    throw new Error(`signing in ${account.email} failed: ${response.status} ${response.headers.get("location") ?? ""} (${outcome})`);
  }
  return { account, jar };
}

/** "open": /dashboard answers 200 with the creator's dashboard; otherwise where it sent us. */
export async function dashboardFor(base: string, session: TSession): Promise<{ open: boolean; detail: string }> {
  const response = await request(base, "/dashboard", { jar: session.jar });
  const body = await response.text();
  const open = response.status === 200 && body.includes("Total events");
  return { open, detail: open ? "200" : `${response.status} ${response.headers.get("location") ?? ""}`.trim() };
}

// ─── Payments ────────────────────────────────────────────────────────────────

export type TPayment = { id: string; eventId: string; creatorId: string; sessionId: string };

/**
 * Pending payments (what "Publish" + Stripe Checkout leave behind) for events
 * of the seed moved to our creators, completed through a signed
 * `checkout.session.completed` webhook: the payment becomes COMPLETED, the
 * event PUBLISHED, and the receipt and "your event is live" mails are queued.
 */
export async function completePaymentsByWebhook(base: string, db: pg.Pool, accounts: TAccount[], count: number): Promise<TPayment[]> {
  const { rows: events } = await db.query<{ id: string }>(
    "SELECT id FROM events WHERE status IN ('DRAFT', 'AWAITING_PAYMENT') AND deleted_at IS NULL" +
      " AND starts_at > now() + interval '2 days' ORDER BY starts_at LIMIT $1",
    [count],
  );
  if (events.length < count) throw new Error(`the seed left only ${events.length} draft events for ${count} payments`);
  const payments: TPayment[] = [];
  for (const [index, event] of events.entries()) {
    const creator = itemAt(accounts, index % accounts.length);
    await db.query(`UPDATE events SET creator_id = $1, status = 'AWAITING_PAYMENT', updated_at = now() WHERE id = $2`, [creator.id, event.id]);
    const paymentId = randomUUID();
    await db.query(
      "INSERT INTO payments (id, event_id, creator_id, provider, amount_cents, currency, status, updated_at)" +
        " VALUES ($1, $2, $3, 'stripe', 300, 'USD', 'PENDING', now())",
      [paymentId, event.id, creator.id],
    );
    const sessionId = `cs_test_faults_${randomBytes(12).toString("hex")}`;
    const intentId = `pi_faults_${randomBytes(10).toString("hex")}`;
    const session = {
      id: sessionId,
      object: "checkout.session",
      mode: "payment",
      status: "complete",
      payment_status: "paid",
      amount_total: 300,
      currency: "usd",
      client_reference_id: paymentId,
      metadata: { eventId: event.id, paymentId, creatorId: creator.id },
      // Expanded, with the receipt: the app then has no reason to call Stripe.
      payment_intent: {
        id: intentId,
        object: "payment_intent",
        latest_charge: { id: `ch_faults_${randomBytes(8).toString("hex")}`, receipt_url: `https://pay.stripe.com/receipts/faults/${intentId}` },
      },
    };
    const { payload } = stripeEventPayload("checkout.session.completed", session);
    const response = await request(base, "/api/webhooks/stripe", {
      headers: { "content-type": "application/json", "stripe-signature": signStripePayload(payload, FAKE_STRIPE_WEBHOOK_SECRET) },
      body: payload,
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`the webhook for payment ${paymentId} answered ${response.status}: ${text.slice(0, 300)}`);
    payments.push({ id: paymentId, eventId: event.id, creatorId: creator.id, sessionId });
  }
  const { rows } = await db.query<{ count: string }>(`SELECT count(*) FROM payments WHERE id = ANY($1::uuid[]) AND status = 'COMPLETED'`, [
    payments.map((payment) => payment.id),
  ]);
  const { count: completed } = itemAt(rows, 0);
  if (Number(completed) !== payments.length) throw new Error(`only ${completed} of ${payments.length} payments are COMPLETED after their webhooks`);
  return payments;
}

// ─── Reports ─────────────────────────────────────────────────────────────────

const ENTITIES: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'", "#39": "'", "#x27": "'" };
const decodeEntities = (value: string) => value.replace(/&(quot|amp|lt|gt|apos|#39|#x27);/g, (entity, name: string) => ENTITIES[name] ?? entity);

/** The hidden inputs React renders into a server-action form (`$ACTION_REF_…`, `$ACTION_…:n`, `$ACTION_KEY`): what a browser without JavaScript posts back. */
export function actionFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [input] of html.matchAll(/<input[^>]*>/g)) {
    const name = /\sname="(\$ACTION[^"]*)"/.exec(input)?.[1];
    if (!name) continue;
    fields[decodeEntities(name)] = decodeEntities(/\svalue="([^"]*)"/.exec(input)?.[1] ?? "");
  }
  return fields;
}

export type TReport = { slug: string; marker: string };

/** Sends reports through /events/<slug>/report the way a browser without JavaScript submits the form; each queues a mail to every admin. */
export async function sendReports(base: string, db: pg.Pool, runId: string, count: number, ipFor: (n: number) => string): Promise<TReport[]> {
  const { rows } = await db.query<{ slug: string }>(
    `SELECT slug FROM events WHERE status = 'PUBLISHED' AND deleted_at IS NULL AND ends_at > now() ORDER BY starts_at LIMIT $1`,
    [count],
  );
  const reports: TReport[] = [];
  for (const [index, { slug }] of rows.entries()) {
    const page = await request(base, `/events/${slug}/report`);
    const html = await page.text();
    const fields = actionFields(html);
    if (page.status !== 200 || !Object.keys(fields).length) throw new Error(`/events/${slug}/report answered ${page.status} without a server-action form`);
    const marker = `faults-${runId} report ${index + 1}`;
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    form.set("reason", "wrong-details");
    form.set("details", `${marker}: the time on this listing looks wrong.`);
    form.set("website", "");
    const response = await request(base, `/events/${slug}/report`, {
      form,
      headers: { origin: base, "x-forwarded-for": ipFor(index), "user-agent": `faults-reporter-${index}` },
    });
    const answer = await response.text();
    if (response.status !== 200 || !answer.includes("Thank you. Our team will review this event.")) {
      throw new Error(
        `the report form for ${slug} answered ${response.status} without its thank-you: ${answer
          .replace(/<[^>]+>/g, " ")
          .replace(/\s+/g, " ")
          .slice(0, 300)}`,
      );
    }
    reports.push({ slug, marker });
  }
  return reports;
}

// ─── Queued mail ─────────────────────────────────────────────────────────────

export type TQueuedMail = { jobId: string; messageId: string; to: string; subject: string };

/** Every mail job BullMQ holds for the worker (waiting, delayed, prioritised or active), read straight from Redis. */
export async function queuedMails(redisUrl: string, bullPrefix: string): Promise<TQueuedMail[]> {
  return withRedisClient(redisUrl, async (client) => {
    const base = `${bullPrefix}:mail`;
    const ids = new Set<string>([
      ...(await client.lrange(`${base}:wait`, 0, -1)),
      ...(await client.lrange(`${base}:active`, 0, -1)),
      ...(await client.lrange(`${base}:paused`, 0, -1)),
      ...(await client.zrange(`${base}:delayed`, 0, -1)),
      ...(await client.zrange(`${base}:prioritized`, 0, -1)),
    ]);
    const mails: TQueuedMail[] = [];
    for (const jobId of ids) {
      const data = await client.hget(`${base}:${jobId}`, "data");
      if (!data) continue;
      const parsed = JSON.parse(data) as { messageId: string; mail: { to: string; subject: string } };
      mails.push({ jobId, messageId: parsed.messageId, to: parsed.mail.to, subject: parsed.mail.subject });
    }
    return mails;
  });
}

/** Session records in Redis (key("session", hash)). */
export async function countSessionKeys(redisUrl: string, prefix: string): Promise<number> {
  return withRedisClient(redisUrl, async (client) => {
    let count = 0;
    for await (const keys of client.scanStream({ match: `${prefix}session:*`, count: 1000 }) as AsyncIterable<string[]>) count += keys.length;
    return count;
  });
}
