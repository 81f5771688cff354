/**
 * A stand-in for the parts of Stripe's API that Zen Bali calls, on a local
 * node:http server. The real `stripe` SDK talks to it (STRIPE_API_BASE sets
 * the SDK's host, port and protocol), so the requests the app makes are the
 * SDK's own, form-encoded as Stripe expects, and the answers have the shapes
 * documented at https://docs.stripe.com/api/checkout/sessions.
 *
 *   POST /v1/checkout/sessions               create (honours Idempotency-Key)
 *   GET  /v1/checkout/sessions/:id           retrieve (expand[]=payment_intent, payment_intent.latest_charge)
 *   POST /v1/checkout/sessions/:id/expire    expire an open session
 *   GET  /v1/payment_intents/:id             retrieve (expand[]=latest_charge)
 *
 * It also serves the "hosted checkout" page each session's `url` points to:
 * GET /pay/:id shows the fee with a "Pay" link (to /pay/:id/complete, which
 * marks the session paid and redirects to its success_url, as Stripe does)
 * and a "Cancel" link (the session's cancel_url). Every API call is recorded.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/** Keys for tests: shaped like Stripe's, valid nowhere. */
export const FAKE_STRIPE_SECRET_KEY = "sk_test_zenbali_fake_key";
export const FAKE_STRIPE_WEBHOOK_SECRET = "whsec_zenbali_fake_webhook_secret";

/** The environment that turns Stripe payments on against this fake. */
export function fakeStripeEnv(fake: { url: string }): Record<string, string> {
  return {
    PAYMENT_PROVIDER: "stripe",
    STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.url,
  };
}

/** A webhook body as Stripe sends it (an `event` whose data.object is the session), with a fresh event id unless one is given. */
export function stripeEventPayload(type: string, object: unknown, id = `evt_test_${randomBytes(12).toString("hex")}`): { id: string; payload: string } {
  const payload = JSON.stringify({
    id,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  });
  return { id, payload };
}

/** The Stripe-Signature header for a body, made by the SDK's own test helper. */
export function signStripePayload(payload: string, secret = FAKE_STRIPE_WEBHOOK_SECRET): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret });
}

export type TFakeStripeCall = {
  method: string;
  path: string;
  /** Query string (GET) or form body (POST), decoded into nested objects and arrays as Stripe reads them. */
  params: Record<string, unknown>;
  idempotencyKey: string | null;
  authorization: string | null;
};

export type TFakeSession = {
  id: string;
  object: "checkout.session";
  mode: string;
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid" | "no_payment_required";
  amount_total: number;
  amount_subtotal: number;
  currency: string;
  metadata: Record<string, string>;
  client_reference_id: string | null;
  customer_email: string | null;
  success_url: string;
  cancel_url: string | null;
  url: string | null;
  expires_at: number;
  created: number;
  livemode: false;
  payment_intent: string | null;
  /** Not part of a real session: kept to answer expand[] and to check what the app sent. */
  line_items: { quantity: number; price_data: { currency: string; unit_amount: number; product_data: { name: string } } }[];
};

export type TFakeSessionObject = Omit<TFakeSession, "line_items">;

export type TFakeStripe = {
  /** e.g. http://127.0.0.1:41234 — give it to the app as STRIPE_API_BASE. */
  url: string;
  calls: TFakeStripeCall[];
  sessions: Map<string, TFakeSession>;
  /** Calls to one endpoint, e.g. callsTo("POST", "/v1/checkout/sessions"). */
  callsTo: (method: string, path: string) => TFakeStripeCall[];
  /** The session as Stripe puts it in a webhook event's data.object. */
  sessionObject: (id: string) => TFakeSessionObject;
  /** The customer paid (card: "paid"; an async method still pending: "unpaid"). Returns the session as a webhook would carry it. */
  completeSession: (id: string, options?: { paymentStatus?: "paid" | "unpaid" }) => TFakeSessionObject;
  /** An async payment of a completed session succeeded later. */
  succeedAsyncPayment: (id: string) => TFakeSessionObject;
  expireSession: (id: string) => TFakeSessionObject;
  /** The next `count` API calls answer with this HTTP status and a Stripe error body. */
  failNext: (status: number, count?: number) => void;
  /** Forget calls, sessions and failures (between tests). */
  reset: () => void;
  close: () => Promise<void>;
};

const SESSION_LIFETIME_SECONDS = 24 * 3_600;

function randomId(prefix: string): string {
  return `${prefix}_test_${randomBytes(12).toString("hex")}`;
}

/** Decodes Stripe's form encoding (`line_items[0][price_data][currency]=usd`, `expand[]=x`) into objects and arrays. */
export function decodeStripeParams(params: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of params) {
    const parts = rawKey.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      const next = parts[index + 1];
      const container = node as Record<string, unknown> & unknown[];
      if (Array.isArray(node) && part === "") {
        if (last) node.push(value);
        else {
          const child = next !== undefined && /^\d*$/.test(next) ? [] : {};
          node.push(child);
          node = child;
        }
        return;
      }
      if (last) {
        container[part as unknown as number] = value;
        return;
      }
      container[part as unknown as number] ??= next !== undefined && /^\d*$/.test(next) ? [] : {};
      node = container[part as unknown as number] as Record<string, unknown> | unknown[];
    });
  }
  return root;
}

function stripeError(response: ServerResponse, status: number, message: string, type = "invalid_request_error") {
  sendJson(response, status, { error: { type, message } });
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), "Request-Id": randomId("req") });
  response.end(text);
}

function sendHtml(response: ServerResponse, status: number, html: string) {
  response.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
  response.end(html);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function expansions(params: Record<string, unknown>): string[] {
  const expand = params.expand;
  if (Array.isArray(expand)) return expand.map(String);
  if (expand && typeof expand === "object") return Object.values(expand).map(String);
  return [];
}

export async function startFakeStripe({ port = 0, host = "127.0.0.1" }: { port?: number; host?: string } = {}): Promise<TFakeStripe> {
  const calls: TFakeStripeCall[] = [];
  const sessions = new Map<string, TFakeSession>();
  const idempotent = new Map<string, { status: number; body: unknown }>();
  let failures: { status: number; remaining: number } | null = null;
  let baseUrl = "";

  function paymentIntentObject(id: string, expandCharge: boolean) {
    const chargeId = `ch_${id.slice(3)}`;
    return {
      id,
      object: "payment_intent",
      status: "succeeded",
      latest_charge: expandCharge ? { id: chargeId, object: "charge", paid: true, receipt_url: `${baseUrl}/receipts/${chargeId}` } : chargeId,
    };
  }

  function sessionView(
    session: TFakeSession,
    expand: string[],
  ): TFakeSessionObject | (Omit<TFakeSessionObject, "payment_intent"> & { payment_intent: unknown }) {
    const { line_items: _lineItems, ...view } = session;
    if (session.payment_intent && (expand.includes("payment_intent") || expand.includes("payment_intent.latest_charge"))) {
      return { ...view, payment_intent: paymentIntentObject(session.payment_intent, expand.includes("payment_intent.latest_charge")) };
    }
    return view;
  }

  function mustGet(id: string): TFakeSession {
    const session = sessions.get(id);
    if (!session) throw new Error(`fake Stripe: no session ${id}`);
    return session;
  }

  function complete(session: TFakeSession, paymentStatus: "paid" | "unpaid") {
    session.status = "complete";
    session.payment_status = paymentStatus;
    session.payment_intent ??= randomId("pi");
    session.url = null;
    return session;
  }

  function createSession(params: Record<string, unknown>): TFakeSession {
    const rawItems = (Array.isArray(params.line_items) ? params.line_items : []) as {
      quantity?: string;
      price_data?: { currency?: string; unit_amount?: string; product_data?: { name?: string } };
    }[];
    const lineItems = rawItems.map((item) => ({
      quantity: Number(item.quantity ?? 1),
      price_data: {
        currency: item.price_data?.currency ?? "",
        unit_amount: Number(item.price_data?.unit_amount ?? 0),
        product_data: { name: item.price_data?.product_data?.name ?? "" },
      },
    }));
    const amount = lineItems.reduce((sum, item) => sum + item.quantity * item.price_data.unit_amount, 0);
    const id = randomId("cs");
    const now = Math.floor(Date.now() / 1000);
    const session: TFakeSession = {
      id,
      object: "checkout.session",
      mode: typeof params.mode === "string" ? params.mode : "payment",
      status: "open",
      payment_status: "unpaid",
      amount_total: amount,
      amount_subtotal: amount,
      currency: lineItems[0]?.price_data.currency ?? "usd",
      metadata: (params.metadata as Record<string, string> | undefined) ?? {},
      client_reference_id: typeof params.client_reference_id === "string" ? params.client_reference_id : null,
      customer_email: typeof params.customer_email === "string" ? params.customer_email : null,
      success_url: typeof params.success_url === "string" ? params.success_url : "",
      cancel_url: typeof params.cancel_url === "string" ? params.cancel_url : null,
      url: `${baseUrl}/pay/${id}`,
      expires_at: params.expires_at ? Number(params.expires_at) : now + SESSION_LIFETIME_SECONDS,
      created: now,
      livemode: false,
      payment_intent: null,
      line_items: lineItems,
    };
    sessions.set(id, session);
    return session;
  }

  async function api(request: IncomingMessage, response: ServerResponse, url: URL) {
    const method = request.method ?? "GET";
    const body = method === "POST" ? await readBody(request) : "";
    const params = decodeStripeParams(method === "POST" ? new URLSearchParams(body) : url.searchParams);
    const idempotencyKey = (request.headers["idempotency-key"] as string | undefined) ?? null;
    const authorization = request.headers.authorization ?? null;
    calls.push({ method, path: url.pathname, params, idempotencyKey, authorization });

    if (!authorization?.startsWith("Bearer sk_") && !authorization?.startsWith("Bearer rk_")) {
      stripeError(response, 401, "Invalid API Key provided.", "authentication_error");
      return;
    }
    if (failures && failures.remaining > 0) {
      failures.remaining--;
      stripeError(response, failures.status, "Something went wrong on Stripe's end (fake).", "api_error");
      return;
    }
    const replayKey = idempotencyKey ? `${method} ${url.pathname} ${idempotencyKey}` : null;
    const saved = replayKey ? idempotent.get(replayKey) : undefined;
    if (saved) {
      sendJson(response, saved.status, saved.body);
      return;
    }
    const answer = (status: number, payload: unknown) => {
      if (replayKey) idempotent.set(replayKey, { status, body: payload });
      sendJson(response, status, payload);
    };

    const expand = expansions(params);
    let match: RegExpMatchArray | null;
    if (method === "POST" && url.pathname === "/v1/checkout/sessions") {
      if (!params.success_url) stripeError(response, 400, "Missing required param: success_url.");
      else answer(200, sessionView(createSession(params), expand));
      return;
    }
    if (method === "GET" && (match = url.pathname.match(/^\/v1\/checkout\/sessions\/([^/]+)$/))) {
      const session = sessions.get(decodeURIComponent(match[1]!));
      if (!session) stripeError(response, 404, `No such checkout.session: '${match[1]}'`);
      else answer(200, sessionView(session, expand));
      return;
    }
    if (method === "POST" && (match = url.pathname.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/))) {
      const session = sessions.get(decodeURIComponent(match[1]!));
      if (!session) {
        stripeError(response, 404, `No such checkout.session: '${match[1]}'`);
        return;
      }
      if (session.status !== "open") {
        stripeError(
          response,
          400,
          `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`,
        );
        return;
      }
      session.status = "expired";
      session.url = null;
      answer(200, sessionView(session, expand));
      return;
    }
    if (method === "GET" && (match = url.pathname.match(/^\/v1\/payment_intents\/([^/]+)$/))) {
      const id = decodeURIComponent(match[1]!);
      if (![...sessions.values()].some((session) => session.payment_intent === id)) stripeError(response, 404, `No such payment_intent: '${id}'`);
      else answer(200, paymentIntentObject(id, expand.includes("latest_charge")));
      return;
    }
    stripeError(response, 404, `Unrecognized request URL (${method}: ${url.pathname}).`);
  }

  function hostedPage(request: IncomingMessage, response: ServerResponse, url: URL): void {
    let match: RegExpMatchArray | null;
    if ((match = url.pathname.match(/^\/pay\/([^/]+)$/))) {
      const session = sessions.get(decodeURIComponent(match[1]!));
      if (!session || session.status !== "open") {
        sendHtml(response, 404, "<!doctype html><title>Fake Checkout</title><h1>This Checkout session is no longer available</h1>");
        return;
      }
      const item = session.line_items[0];
      sendHtml(
        response,
        200,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe Checkout</title></head><body>
<main><h1>Fake Stripe Checkout</h1>
<p>${escapeHtml(item?.price_data.product_data.name ?? "")}</p>
<p>Total: <span data-testid="amount">${(session.amount_total / 100).toFixed(2)} ${escapeHtml(session.currency.toUpperCase())}</span></p>
<p><a href="/pay/${session.id}/complete">Pay</a></p>
${session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel</a></p>` : ""}
</main></body></html>`,
      );
      return;
    }
    if ((match = url.pathname.match(/^\/pay\/([^/]+)\/complete$/))) {
      const session = sessions.get(decodeURIComponent(match[1]!));
      if (!session || session.status !== "open") {
        sendHtml(response, 404, "<!doctype html><title>Fake Checkout</title><h1>This Checkout session is no longer available</h1>");
        return;
      }
      complete(session, "paid");
      response.writeHead(303, { Location: session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id) });
      response.end();
      return;
    }
    if (url.pathname.startsWith("/receipts/")) sendHtml(response, 200, "<!doctype html><title>Receipt</title><h1>Receipt (fake)</h1>");
    else sendHtml(response, 404, "<!doctype html><title>Not found</title>");
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://fake-stripe.local");
    // The executor runs at once: a hosted page is answered synchronously, and a throw in it becomes a rejection handled below.
    const handle = url.pathname.startsWith("/v1/")
      ? api(request, response, url)
      : new Promise<void>((resolve) => {
          hostedPage(request, response, url);
          resolve();
        });
    handle.catch((error: unknown) => {
      if (!response.headersSent) stripeError(response, 500, error instanceof Error ? error.message : String(error), "api_error");
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    calls,
    sessions,
    callsTo: (method, path) => calls.filter((call) => call.method === method && call.path === path),
    sessionObject: (id) => sessionView(mustGet(id), []) as TFakeSessionObject,
    completeSession: (id, { paymentStatus = "paid" } = {}) => sessionView(complete(mustGet(id), paymentStatus), []) as TFakeSessionObject,
    succeedAsyncPayment: (id) => {
      const session = mustGet(id);
      session.payment_status = "paid";
      return sessionView(session, []) as TFakeSessionObject;
    },
    expireSession: (id) => {
      const session = mustGet(id);
      session.status = "expired";
      session.url = null;
      return sessionView(session, []) as TFakeSessionObject;
    },
    failNext: (status, count = 1) => {
      failures = { status, remaining: count };
    },
    reset: () => {
      calls.length = 0;
      sessions.clear();
      idempotent.clear();
      failures = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
