import pg from "pg";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as postDelete } from "@/app/alerts/[token]/delete/route";
import AlertsPage from "@/app/alerts/[token]/page";
import ConfirmUnsubscribePage from "@/app/alerts/[token]/unsubscribe/confirm/page";
import { GET as getUnsubscribe, POST as postUnsubscribe } from "@/app/alerts/[token]/unsubscribe/route";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { runDigest } from "@/lib/digest/run-digest";
import { closeMailTransports } from "@/lib/mail/deliver-mail";
import { closeRedis } from "@/lib/redis";
import { applyEnv } from "../support/env";
import { clearEvents, createCreator } from "../support/fixtures";
import { ago, clearDigestData, createSubscriber, CUTOFF, newEvent } from "../support/digest-fixtures";
import { startSmtpCapture, type TSmtpCapture } from "../support/smtp-capture";

/**
 * Unsubscribing and managing alerts (issue 13): the one-click POST of RFC 8058 works with no cookie, no CSRF token
 * and no field, at once and every time (200, never a redirect); a GET changes nothing and shows only a confirmation
 * button; /alerts/<token> lists the alerts in words with Delete; a token that is not one costs no database work.
 */

const request = vi.hoisted(() => ({ locale: "en" }));
vi.mock("next/headers", () => ({ headers: () => Promise.resolve(new Headers({ "x-zb-locale": request.locale })) }));

const APP = "http://localhost:3000";
const realEnv = { SMTP_URL: process.env.SMTP_URL };
const params = (token: string) => ({ params: Promise.resolve({ token }) });
let smtp: TSmtpCapture;
let creatorId: string;

/** What a mail client sends for List-Unsubscribe-Post: the body "List-Unsubscribe=One-Click", no cookie, no Origin. */
function oneClick(token: string, body: string | null = "List-Unsubscribe=One-Click"): Request {
  return new Request(`${APP}/alerts/${token}/unsubscribe`, {
    method: "POST",
    headers: body === null ? {} : { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
}

function pagePost(pathname: string, fields: Record<string, string>, { site = "same-origin", locale = "en" } = {}): Request {
  return new Request(`${APP}${pathname}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": site, "x-zb-locale": locale },
    body: new URLSearchParams(fields).toString(),
  });
}

async function statementsDuring(work: () => Promise<unknown>): Promise<number> {
  const query = vi.spyOn(pg.Client.prototype, "query");
  try {
    await work();
    return query.mock.calls.length;
  } finally {
    query.mockRestore();
  }
}

async function render(page: Promise<React.ReactElement>): Promise<string> {
  return renderToStaticMarkup(await page);
}

const unsubscribedAt = async (id: string) => (await db.subscriber.findUniqueOrThrow({ where: { id } })).unsubscribedAt;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  applyEnv({ SMTP_URL: smtp.url });
  resetEnvForTests();
  await clearEvents();
  await clearDigestData();
  creatorId = (await createCreator({ name: "Anna <b>Petrova</b>" })).id;
});

beforeEach(() => {
  request.locale = "en";
});

afterAll(async () => {
  await clearDigestData();
  await clearEvents();
  await smtp.close();
  closeMailTransports();
  applyEnv(realEnv);
  resetEnvForTests();
  await disconnectDb();
  await closeRedis();
});

describe("the one-click unsubscribe (POST /alerts/<token>/unsubscribe)", () => {
  it("unsubscribes at once with no cookie, CSRF token or field, answers 200 in the subscriber's language, and 200 again the second time", async () => {
    const subscriber = await createSubscriber({ language: "ru", alerts: [{ query: "location=canggu" }] });
    const first = await postUnsubscribe(oneClick(subscriber.token), params(subscriber.token));
    expect(first.status).toBe(200);
    expect(first.headers.get("location")).toBeNull();
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(await first.text()).toContain("Вы отписались: Zen Bali больше не будет вам писать.");
    const when = await unsubscribedAt(subscriber.id);
    expect(when).not.toBeNull();

    const again = await postUnsubscribe(oneClick(subscriber.token), params(subscriber.token));
    expect(again.status).toBe(200);
    expect(await unsubscribedAt(subscriber.id)).toEqual(when);
    // Nothing in the body at all, as some clients send it: the same.
    expect((await postUnsubscribe(oneClick(subscriber.token, null), params(subscriber.token))).status).toBe(200);
  });

  it("stops the next digest", async () => {
    await newEvent(creatorId, { title: "Canggu Dance" });
    const leaving = await createSubscriber({ alerts: [{ query: "location=canggu" }] });
    const staying = await createSubscriber({ alerts: [{ query: "location=canggu" }] });
    expect((await postUnsubscribe(oneClick(leaving.token), params(leaving.token))).status).toBe(200);
    await runDigest({ now: CUTOFF });
    expect(smtp.messages.filter((mail) => mail.to.includes(leaving.email))).toHaveLength(0);
    expect(smtp.messages.filter((mail) => mail.to.includes(staying.email))).toHaveLength(1);
    const run = await db.digestRun.findUniqueOrThrow({ where: { week: "2030-W01" } });
    expect(await db.digestDelivery.count({ where: { runId: run.id, subscriberId: leaving.id } })).toBe(0);
    await db.digestRun.deleteMany();
  });

  it("a button of our own pages (via=page) is sent back to /alerts/<token> in the page's language", async () => {
    const subscriber = await createSubscriber({ alerts: [{ query: "" }] });
    const response = await postUnsubscribe(pagePost(`/alerts/${subscriber.token}/unsubscribe`, { via: "page" }, { locale: "id" }), params(subscriber.token));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/id/alerts/${subscriber.token}?done=unsubscribed`);
    expect(await unsubscribedAt(subscriber.id)).not.toBeNull();
  });

  it("an unknown token is a 404; a value that is not a token is a 404 before any database work", async () => {
    const unknown = "A".repeat(43);
    expect((await postUnsubscribe(oneClick(unknown), params(unknown))).status).toBe(404);
    const unconfirmed = await createSubscriber({ confirmedAt: null, alerts: [{ query: "" }] });
    expect((await postUnsubscribe(oneClick(unconfirmed.token), params(unconfirmed.token))).status).toBe(404);
    for (const bad of ["x".repeat(10_000), `${"A".repeat(42)}'`, "", "../../admin", `${"A".repeat(43)}%00`]) {
      let status = 0;
      expect(await statementsDuring(async () => (status = (await postUnsubscribe(oneClick(bad), params(bad))).status))).toBe(0);
      expect(status).toBe(404);
      expect(await statementsDuring(async () => (status = (await postDelete(pagePost("/x", { alert: "y" }), params(bad))).status))).toBe(0);
      expect(status).toBe(404);
    }
  });
});

describe("GET /alerts/<token>/unsubscribe (a link a mail scanner may follow)", () => {
  it("changes nothing and sends the browser to the page with only the confirmation button, which POSTs the unsubscribe", async () => {
    const subscriber = await createSubscriber({ alerts: [{ query: "" }] });
    request.locale = "ru";
    const response = await getUnsubscribe(
      new Request(`${APP}/ru/alerts/${subscriber.token}/unsubscribe`, { headers: { "x-zb-locale": "ru" } }),
      params(subscriber.token),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/ru/alerts/${subscriber.token}/unsubscribe/confirm`);
    expect(await unsubscribedAt(subscriber.id)).toBeNull();

    const html = await render(ConfirmUnsubscribePage(params(subscriber.token)));
    expect(html).toContain("Отписаться от писем Zen Bali?");
    expect(html).toMatch(new RegExp(`<form[^>]* action="/ru/alerts/${subscriber.token}/unsubscribe" method="post">`));
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).toContain(">Отписаться</button>");
    expect(await unsubscribedAt(subscriber.id)).toBeNull();

    const unknown = "B".repeat(43);
    expect((await getUnsubscribe(new Request(`${APP}/alerts/${unknown}/unsubscribe`), params(unknown))).status).toBe(404);
    await expect(ConfirmUnsubscribePage(params(unknown))).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
  });
});

describe("/alerts/<token>", () => {
  it("lists the subscriber's confirmed alerts in words, each with Delete, and Unsubscribe from everything", async () => {
    const subscriber = await createSubscriber({ alerts: [{ query: "type=ecstatic-dance&location=canggu" }, { creatorId }] });
    await db.alert.create({ data: { subscriberId: subscriber.id, kind: "QUERY", query: "location=ubud", key: "query:location=ubud", confirmedAt: null } });
    const html = await render(AlertsPage({ ...params(subscriber.token), searchParams: Promise.resolve({}) }));
    expect(html).toContain("<h1");
    expect(html).toContain(">Your alerts</h1>");
    expect(html).toMatch(/<a href="\/\?location=canggu&amp;type=ecstatic-dance"[^>]*>Canggu · Ecstatic Dance<\/a>/);
    expect(html).toMatch(new RegExp(`<a href="/creators/${creatorId}"[^>]*>Posts by Anna &lt;b&gt;Petrova&lt;/b&gt;</a>`));
    expect(html).not.toContain("Ubud");
    expect(html).toContain('aria-label="Delete the alert: Canggu · Ecstatic Dance"');
    expect(html.match(/>Delete<\/button>/g)).toHaveLength(2);
    expect(html).toContain(">Unsubscribe from everything</button>");
    expect(html).toContain(`action="/alerts/${subscriber.token}/unsubscribe"`);

    request.locale = "ru";
    const russian = await render(AlertsPage({ ...params(subscriber.token), searchParams: Promise.resolve({ done: "deleted" }) }));
    expect(russian).toContain("Canggu · Экстатический танец");
    expect(russian).toContain("Организатор: Anna &lt;b&gt;Petrova&lt;/b&gt;");
    expect(russian).toContain("Оповещение удалено.");
    expect(russian).toContain(`action="/ru/alerts/${subscriber.token}/delete"`);
    expect(russian).toContain(">Отписаться от всего</button>");

    await expect(AlertsPage({ ...params("C".repeat(43)), searchParams: Promise.resolve({}) })).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
  });

  it("Delete removes that alert of this subscriber only; another's alert id deletes nothing; other sites are refused", async () => {
    const subscriber = await createSubscriber({ alerts: [{ query: "location=canggu" }, { query: "location=ubud" }] });
    const other = await createSubscriber({ alerts: [{ query: "location=canggu" }] });
    const [first] = subscriber.alerts;
    const path = `/alerts/${subscriber.token}/delete`;

    const deleted = await postDelete(pagePost(path, { alert: first!.id }), params(subscriber.token));
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get("location")).toBe(`/alerts/${subscriber.token}?done=deleted`);
    expect(await db.alert.count({ where: { subscriberId: subscriber.id } })).toBe(1);

    const again = await postDelete(pagePost(path, { alert: first!.id }), params(subscriber.token));
    expect(again.headers.get("location")).toBe(`/alerts/${subscriber.token}?done=gone`);
    const theirs = await postDelete(pagePost(path, { alert: other.alerts[0]!.id }), params(subscriber.token));
    expect(theirs.headers.get("location")).toBe(`/alerts/${subscriber.token}?done=gone`);
    expect(await db.alert.count({ where: { subscriberId: other.id } })).toBe(1);
    for (const value of ["not-an-id", "x".repeat(5_000), ""]) {
      expect((await postDelete(pagePost(path, { alert: value }), params(subscriber.token))).headers.get("location")).toBe(
        `/alerts/${subscriber.token}?done=gone`,
      );
    }

    const crossSite = await postDelete(pagePost(path, { alert: subscriber.alerts[1]!.id }, { site: "cross-site" }), params(subscriber.token));
    expect(crossSite.status).toBe(403);
    expect(await db.alert.count({ where: { subscriberId: subscriber.id } })).toBe(1);
    const unknown = "D".repeat(43);
    expect((await postDelete(pagePost(`/alerts/${unknown}/delete`, { alert: first!.id }), params(unknown))).status).toBe(404);
  });

  it("an unsubscribed subscriber's page says so and offers no second unsubscribe", async () => {
    const subscriber = await createSubscriber({ unsubscribedAt: ago(1), alerts: [{ query: "" }] });
    const html = await render(AlertsPage({ ...params(subscriber.token), searchParams: Promise.resolve({}) }));
    expect(html).toContain("You are unsubscribed: Zen Bali will not email you again.");
    expect(html).toContain("All events");
    expect(html).not.toContain("Unsubscribe from everything");
  });
});
