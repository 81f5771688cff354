import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as getSavedIcs } from "@/app/saved/[token]/calendar.ics/route";
import SubscriberSavedPage from "@/app/saved/[token]/page";
import { POST as postMerge } from "@/app/saved/[token]/merge/route";
import { POST as postRemove } from "@/app/saved/[token]/remove/route";
import { POST as postSavedSubscribe } from "@/app/saved/subscribe/route";
import { POST as postAlert } from "@/app/subscribe/alert/route";
import ConfirmSubscriptionPage from "@/app/subscribe/confirm/page";
import { POST as postConfirm } from "@/app/subscribe/confirm/submit/route";
import SubscribePage from "@/app/subscribe/page";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { buildEventsCalendar } from "@/lib/feeds/build-feeds";
import { closeRedis } from "@/lib/redis";
import { findCookieSubscriber } from "@/lib/subscriptions/find-cookie-subscriber";
import { requestSubscription } from "@/lib/subscriptions/request-subscription";
import { parseSubscriberCookie, SUBSCRIBER_COOKIE } from "@/lib/subscriptions/subscriber-cookie";
import { confirmSubscription } from "@/lib/subscriptions/confirm-subscription";
import { parseVEvents, textOf } from "../../e2e/support/ics";
import { clearEvents, createCreator, createEvent } from "../support/fixtures";
import { asymmetric } from "../support/asymmetric";
import { digestOf } from "../support/server-actions";
import { APP, confirmTokenIn, deleteRunSubscribers, formPost, freshIp, mailsTo, newAddress, savedListCookie } from "../support/subscriptions";

/**
 * Subscriptions through their routes and pages (issue 13): the forms' posts answer the same whatever the address,
 * refuse other sites, keep the limits; the confirmation page uses nothing up until its button is pressed;
 * /saved/<token> and its calendar feed show confirmed rows only, merge a browser's list idempotently, and take no
 * database work for a token that is not one.
 */

// Work the routes hand to next/server's after(): kept here and run when a test says so.
const deferred = vi.hoisted(() => [] as (() => Promise<void> | void)[]);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => Promise<void> | void) => void deferred.push(task),
}));
// The pages read the language and cookies from next/headers.
const request = vi.hoisted(() => ({ locale: "en", cookie: "" }));
vi.mock("next/headers", () => ({
  headers: () => Promise.resolve(new Headers({ "x-zb-locale": request.locale })),
  cookies: () =>
    Promise.resolve({
      get: (name: string) => {
        const value = request.cookie
          .split(";")
          .map((part) => part.trim().split("="))
          .find(([key]) => key === name)?.[1];
        return value === undefined ? undefined : { name, value };
      },
    }),
}));

async function runDeferred(): Promise<void> {
  while (deferred.length) await deferred.shift()!();
}

let mailDir: string;
let creatorId: string;
let events: { id: string; slug: string; title: string }[];
const DAY = 86_400_000;

const params = (token: string) => ({ params: Promise.resolve({ token }) });
const cookieOf = (response: Response) => response.headers.get("set-cookie")?.split(";")[0] ?? "";

/** A response as a visitor (or an observer) can see it, minus the Date header. */
async function visible(response: Response) {
  const headers = [...response.headers.entries()].filter(([name]) => name !== "date").sort();
  return { status: response.status, headers, body: await response.text() };
}

/** Subscribes and confirms an address (with the saved list of `eventIds`); returns its private token. */
async function confirmedSubscriber(address: string, eventIds: string[], locale: "en" | "ru" = "en"): Promise<string> {
  await requestSubscription({ email: address, locale, ip: freshIp(), savedEventIds: eventIds });
  const confirmed = await confirmSubscription(confirmTokenIn((await mailsTo(mailDir, address)).at(-1)!));
  return confirmed!.token;
}

/** Counts the SQL statements sent while `work` runs (every Prisma query goes through pg.Client#query). */
async function statementsDuring(work: () => Promise<unknown>): Promise<number> {
  const query = vi.spyOn(pg.Client.prototype, "query");
  try {
    await work();
    return query.mock.calls.length;
  } finally {
    query.mockRestore();
  }
}

beforeAll(async () => {
  mailDir = await mkdtemp(path.join(tmpdir(), "zenbali-subscription-routes-"));
  process.env.MAIL_DIR = mailDir;
  resetEnvForTests();
  vi.spyOn(console, "log").mockImplementation(() => {});
  await clearEvents();
  creatorId = (await createCreator({ name: "Dewi Dance", organisation: null })).id;
  events = [
    await createEvent({ creatorId, title: "Ecstatic Sunday", startsAt: new Date(Date.now() + 2 * DAY), locationSlug: "canggu", typeSlug: "ecstatic-dance" }),
    await createEvent({ creatorId, title: "Cancelled Kirtan", startsAt: new Date(Date.now() + 3 * DAY), status: "CANCELLED" }),
    await createEvent({ creatorId, title: "Long Ago Breathwork", startsAt: new Date(Date.now() - 10 * DAY) }),
    await createEvent({ creatorId, title: "Not Saved", startsAt: new Date(Date.now() + 4 * DAY) }),
  ];
});

beforeEach(() => {
  request.locale = "en";
  request.cookie = "";
  deferred.length = 0;
});

afterAll(async () => {
  vi.restoreAllMocks();
  await deleteRunSubscribers();
  await clearEvents();
  await db.user.deleteMany({ where: { id: creatorId } });
  await rm(mailDir, { recursive: true, force: true });
  await disconnectDb();
  await closeRedis();
});

describe("the subscribe forms never reveal an address", () => {
  it("answer byte for byte the same for a new, a pending, a confirmed and an unsubscribed address, before any work", async () => {
    const pending = newAddress("pending");
    await requestSubscription({ email: pending, locale: "en", ip: freshIp(), savedEventIds: [events[0]!.id] });
    const confirmed = newAddress("confirmed");
    await confirmedSubscriber(confirmed, [events[0]!.id]);
    const unsubscribed = newAddress("unsubscribed");
    await confirmedSubscriber(unsubscribed, [events[0]!.id]);
    await db.subscriber.update({ where: { email: unsubscribed }, data: { unsubscribedAt: new Date() } });
    const fresh = newAddress("fresh");

    const cookie = savedListCookie([events[0]!.id, events[1]!.id]);
    for (const [post, fields] of [
      [postSavedSubscribe, {}],
      [postAlert, { query: "location=canggu&type=ecstatic-dance" }],
      [postAlert, { creator: creatorId }],
    ] as const) {
      const answers = [];
      for (const email of [fresh, pending, confirmed, unsubscribed]) {
        answers.push(await visible(await post(formPost("/x", { email, ...fields }, { cookie }))));
      }
      expect(answers[0]).toEqual({
        status: 303,
        headers: [
          ["cache-control", "no-store"],
          ["location", "/subscribe?notice=sent"],
        ],
        body: "",
      });
      for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
      // The answer went before anything was looked up or written: the new address has no row yet.
      expect(await db.subscriber.count({ where: { email: fresh } })).toBe(post === postSavedSubscribe ? 0 : 1);
      await runDeferred();
      expect(await db.subscriber.count({ where: { email: fresh } })).toBe(1);
    }
  });

  it("in Russian, the same: /ru/subscribe?notice=sent", async () => {
    const response = await postAlert(formPost("/ru/subscribe/alert", { email: newAddress("ru"), query: "" }, { locale: "ru" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/ru/subscribe?notice=sent");
  });

  it("past 3 mails a day to an address, the same answer again and no mail", async () => {
    const email = newAddress("limit");
    const answers = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      answers.push(await visible(await postAlert(formPost("/subscribe/alert", { email, query: `type=yoga&page=${attempt + 1}` }))));
      await runDeferred();
    }
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await mailsTo(mailDir, email)).toHaveLength(3);
  });
});

describe("the subscribe forms' refusals", () => {
  it("a sixth subscription in an hour from one IP: 429 with Retry-After, in the page's language", async () => {
    const ip = freshIp();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await postAlert(formPost("/subscribe/alert", { email: newAddress("ip"), query: "" }, { ip }))).status).toBe(303);
    }
    const refused = await postAlert(formPost("/ru/subscribe/alert", { email: newAddress("ip"), query: "" }, { ip, locale: "ru" }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/^Слишком много подписок с вашего подключения\. Попробуйте снова через \d+ минут/);
    await runDeferred();
  });

  it("an address that is not one goes back to the same form, with the message", async () => {
    expect((await postSavedSubscribe(formPost("/saved/subscribe", { email: "not-an-address" }))).headers.get("location")).toBe(
      "/subscribe?notice=email&for=saved",
    );
    const query = await postAlert(formPost("/ru/subscribe/alert", { email: "a@b", query: "type=ecstatic-dance&location=canggu&page=3" }, { locale: "ru" }));
    expect(query.status).toBe(303);
    expect(query.headers.get("location")).toBe("/ru/subscribe?notice=email&for=query&query=location%3Dcanggu%26type%3Decstatic-dance");
    const creator = await postAlert(formPost("/subscribe/alert", { email: "x".repeat(300), creator: creatorId }));
    expect(creator.headers.get("location")).toBe(`/subscribe?notice=email&for=creator&creator=${creatorId}`);

    // The page says so and gives the form back, the query as the listing writes it.
    request.locale = "ru";
    const html = renderToStaticMarkup(
      await SubscribePage({ searchParams: Promise.resolve({ notice: "email", for: "query", query: "location=canggu&type=ecstatic-dance" }) }),
    );
    expect(html).toContain("Проверьте адрес электронной почты");
    expect(html).toContain("Укажите правильный адрес электронной почты.");
    expect(html).toContain('action="/ru/subscribe/alert"');
    expect(html).toContain('name="query" value="location=canggu&amp;type=ecstatic-dance"');
    request.locale = "en";
    const creatorHtml = renderToStaticMarkup(await SubscribePage({ searchParams: Promise.resolve({ notice: "email", for: "creator", creator: creatorId }) }));
    expect(creatorHtml).toContain("Email me when Dewi Dance posts");
    // Anything else there is not a page.
    for (const search of [{}, { notice: "email", for: "creator", creator: "nope" }, { notice: "email", for: "query", query: "q=" + "x".repeat(2_000) }]) {
      expect(digestOf(await SubscribePage({ searchParams: Promise.resolve(search) }).catch((error: unknown) => error))).toMatch(/404/);
    }
  });

  it("what is not the form: 400; an alert with both a query and an organiser, or neither: 400; an organiser without a page: 404", async () => {
    const notForm = new Request(`${APP}/subscribe/alert`, {
      method: "POST",
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: "{}",
    });
    expect((await postAlert(notForm)).status).toBe(400);
    expect((await postAlert(formPost("/subscribe/alert", { query: "" }))).status).toBe(400);
    expect((await postAlert(formPost("/subscribe/alert", { email: newAddress("both"), query: "", creator: creatorId }))).status).toBe(400);
    expect((await postAlert(formPost("/subscribe/alert", { email: newAddress("neither") }))).status).toBe(400);
    expect((await postAlert(formPost("/subscribe/alert", { email: newAddress("long"), query: `q=${"x".repeat(5_000)}` }))).status).toBe(400);
    const unknown = await postAlert(formPost("/subscribe/alert", { email: newAddress("unknown"), creator: "00000000-0000-4000-8000-000000000000" }));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe("This organiser is not on Zen Bali.");
  });

  it("posts from other sites are refused: 403, nothing done", async () => {
    const email = newAddress("csrf");
    const token = await confirmedSubscriber(newAddress("victim"), [events[0]!.id]);
    const attempts: [string, (request: Request) => Promise<Response>][] = [
      ["/saved/subscribe", (r) => postSavedSubscribe(r)],
      ["/subscribe/alert", (r) => postAlert(r)],
      ["/subscribe/confirm/submit", (r) => postConfirm(r)],
      [`/saved/${token}/remove`, (r) => postRemove(r, params(token))],
      [`/saved/${token}/merge`, (r) => postMerge(r, params(token))],
    ];
    for (const [pathname, post] of attempts) {
      for (const headers of [{ site: "cross-site" }, { site: "same-site" }, { site: null, origin: "https://evil.example" }, { site: null, origin: "null" }]) {
        const forged = formPost(
          pathname,
          { email, query: "", event: events[0]!.id, token: "x".repeat(43) },
          { site: headers.site, cookie: savedListCookie([events[3]!.id]) },
        );
        if ("origin" in headers && headers.origin) forged.headers.set("origin", headers.origin);
        const response = await post(forged);
        expect(response.status, `${pathname} ${JSON.stringify(headers)}`).toBe(403);
        expect(await response.text()).toBe("Subscribing works from Zen Bali’s own pages only.");
      }
    }
    await runDeferred();
    expect(await db.subscriber.count({ where: { email } })).toBe(0);
    expect(await db.savedEvent.count({ where: { subscriber: { token } } })).toBe(1);
  });
});

describe("the alert forms", () => {
  it("keep the listing's canonical query, re-read on the server: no raw visitor string is stored", async () => {
    const email = newAddress("query");
    await postAlert(formPost("/subscribe/alert", { email, query: "type=ecstatic-dance&utm_source=x&location=canggu&page=4&sort=newest&location=ubud" }));
    await runDeferred();
    const confirmed = await confirmSubscription(confirmTokenIn((await mailsTo(mailDir, email)).at(-1)!));
    expect(confirmed?.destination).toBe("alerts");
    const alerts = await db.alert.findMany({ where: { subscriber: { email } }, select: { kind: true, query: true, key: true, confirmedAt: true } });
    expect(alerts).toEqual([
      { kind: "QUERY", query: "location=canggu&type=ecstatic-dance", key: "query:location=canggu&type=ecstatic-dance", confirmedAt: asymmetric.any(Date) },
    ]);
  });

  it("an organiser alert names the organiser", async () => {
    const email = newAddress("creator");
    await postAlert(formPost("/subscribe/alert", { email, creator: creatorId.toUpperCase() }));
    await runDeferred();
    expect((await mailsTo(mailDir, email)).at(-1)).toContain("- A weekly email when Dewi Dance posts new events");
    expect(await db.alert.findMany({ where: { subscriber: { email } }, select: { kind: true, creatorId: true, key: true } })).toEqual([
      { kind: "CREATOR", creatorId, key: `creator:${creatorId}` },
    ]);
  });
});

describe("confirming through the page", () => {
  it("the page the link opens (a GET) shows what it switches on and a button, and uses nothing up; the POST confirms once", async () => {
    const email = newAddress("page");
    await postSavedSubscribe(formPost("/ru/saved/subscribe", { email }, { locale: "ru", cookie: savedListCookie([events[0]!.id, events[1]!.id]) }));
    await runDeferred();
    const mail = (await mailsTo(mailDir, email)).at(-1)!;
    expect(mail).toContain("/ru/subscribe/confirm?token=");
    const token = confirmTokenIn(mail);

    request.locale = "ru";
    for (let visit = 0; visit < 3; visit++) {
      const html = renderToStaticMarkup(await ConfirmSubscriptionPage({ searchParams: Promise.resolve({ token }) }));
      expect(html).toContain("Подтвердите подписку");
      expect(html).toContain("2 сохранённых события на вашей личной странице и в календарной подписке");
      expect(html).toContain('action="/ru/subscribe/confirm/submit"');
      expect(html).toContain(`name="token" value="${token}"`);
    }
    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email } });
    expect(subscriber.confirmedAt).toBeNull();

    const confirmed = await postConfirm(formPost("/ru/subscribe/confirm/submit", { token }, { locale: "ru" }));
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("location")).toBe(`/ru/saved/${subscriber.token}?confirmed=1`);
    const cookie = cookieOf(confirmed);
    expect(cookie.startsWith(`${SUBSCRIBER_COOKIE}=`)).toBe(true);
    expect(confirmed.headers.get("set-cookie")).toMatch(/; Path=\/; Max-Age=31536000; HttpOnly; SameSite=Lax$/);
    expect(parseSubscriberCookie(cookie.slice(SUBSCRIBER_COOKIE.length + 1))).toBe(subscriber.token);

    // Used: the POST again, and the page, say the link no longer works.
    const again = await postConfirm(formPost("/ru/subscribe/confirm/submit", { token }, { locale: "ru" }));
    expect(again.headers.get("location")).toBe("/ru/subscribe/confirm?expired=1");
    expect(cookieOf(again)).toBe("");
    const expired = renderToStaticMarkup(await ConfirmSubscriptionPage({ searchParams: Promise.resolve({ token }) }));
    expect(expired).toContain("Эта ссылка больше не действует");
    expect(expired).toContain('href="/ru/saved"');
    expect(expired).not.toContain('name="token"');
  });

  it("an alert's confirmation goes to /alerts/<token>", async () => {
    const email = newAddress("to-alerts");
    await postAlert(formPost("/subscribe/alert", { email, query: "type=yoga" }));
    await runDeferred();
    const response = await postConfirm(formPost("/subscribe/confirm/submit", { token: confirmTokenIn((await mailsTo(mailDir, email)).at(-1)!) }));
    const { token } = await db.subscriber.findUniqueOrThrow({ where: { email } });
    expect(response.headers.get("location")).toBe(`/alerts/${token}`);
  });

  it("garbage in the link or the form: the expired page, no error", async () => {
    for (const token of ["", "x".repeat(43), "<script>", "x".repeat(50_000)]) {
      expect((await postConfirm(formPost("/subscribe/confirm/submit", { token }))).headers.get("location")).toBe("/subscribe/confirm?expired=1");
      expect(renderToStaticMarkup(await ConfirmSubscriptionPage({ searchParams: Promise.resolve({ token }) }))).toContain("This link no longer works");
    }
    expect(renderToStaticMarkup(await ConfirmSubscriptionPage({ searchParams: Promise.resolve({ token: ["a", "b"] }) }))).toContain(
      "This link no longer works",
    );
  });
});

describe("/saved/<token> and its calendar feed", () => {
  it("the feed: the saved events (a cancelled one CANCELLED), the site's UIDs, private and never cached", async () => {
    const token = await confirmedSubscriber(newAddress("feed"), [events[0]!.id, events[1]!.id]);
    const response = await getSavedIcs(new Request(`${APP}/saved/${token}.ics`), params(token));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = await response.text();
    expect(body).toContain("X-WR-CALNAME:Zen Bali — saved events");
    const vevents = parseVEvents(body);
    expect(vevents.map((event) => [textOf(event.summary), event.uid, String(event.status)])).toEqual([
      ["Ecstatic Sunday", `${events[0]!.id}@zenbali`, "CONFIRMED"],
      ["Cancelled Kirtan", `${events[1]!.id}@zenbali`, "CANCELLED"],
    ]);
    // The same UID as the site's public feed gives the same event, so a calendar app updates one event.
    const publicUids = parseVEvents(await buildEventsCalendar({})).map((event) => event.uid);
    expect(publicUids).toEqual(expect.arrayContaining([`${events[0]!.id}@zenbali`, `${events[1]!.id}@zenbali`]));
    // A change shows at the next refresh (nothing cached): taken down, it drops out.
    await db.event.update({ where: { id: events[1]!.id }, data: { deletedAt: new Date() } });
    try {
      const again = parseVEvents(await (await getSavedIcs(new Request(`${APP}/saved/${token}.ics`), params(token))).text());
      expect(again.map((event) => event.uid)).toEqual([`${events[0]!.id}@zenbali`]);
    } finally {
      await db.event.update({ where: { id: events[1]!.id }, data: { deletedAt: null } });
    }
  });

  it("the feed of a Russian subscriber is named and linked in Russian", async () => {
    const token = await confirmedSubscriber(newAddress("feed-ru"), [events[0]!.id], "ru");
    const body = await (await getSavedIcs(new Request(`${APP}/saved/${token}.ics`), params(token))).text();
    expect(body).toContain("X-WR-CALNAME:Zen Bali — сохранённые события");
    expect(body).toContain(`URL:${APP}/ru/events/${events[0]!.slug}`);
  });

  it("unknown, unconfirmed or malformed tokens: 404, and a malformed one costs no database work", async () => {
    const pending = newAddress("unconfirmed");
    await requestSubscription({ email: pending, locale: "en", ip: freshIp(), savedEventIds: [events[0]!.id] });
    const { token: unconfirmed } = await db.subscriber.findUniqueOrThrow({ where: { email: pending } });
    for (const token of [unconfirmed, "A".repeat(43)]) {
      expect((await getSavedIcs(new Request(`${APP}/saved/${token}.ics`), params(token))).status).toBe(404);
      expect(digestOf(await SubscriberSavedPage({ params: params(token).params, searchParams: Promise.resolve({}) }).catch((error: unknown) => error))).toMatch(
        /404/,
      );
    }
    for (const token of ["", "abc", "A".repeat(44), `${"A".repeat(42)}%`, "../../etc/passwd", "A".repeat(100_000)]) {
      let status = 0;
      const statements = await statementsDuring(async () => {
        status = (await getSavedIcs(new Request(`${APP}/saved/x.ics`), params(token))).status;
      });
      expect(status).toBe(404);
      expect(statements, token.slice(0, 20)).toBe(0);
    }
  });

  it("the page: confirmed events only, upcoming then Past, Remove, the feed's address, and the merge offer", async () => {
    const email = newAddress("page-list");
    const token = await confirmedSubscriber(email, [events[0]!.id, events[2]!.id]);
    // Someone adds an event at this address without confirming: not shown.
    await requestSubscription({ email, locale: "en", ip: freshIp(), savedEventIds: [events[1]!.id] });
    request.cookie = savedListCookie([events[0]!.id, events[3]!.id]);
    const html = renderToStaticMarkup(await SubscriberSavedPage({ params: params(token).params, searchParams: Promise.resolve({ confirmed: "1" }) }));
    expect(html).toContain("Your saved events");
    expect(html).toContain("Confirmed. Your saved events are here and in your calendar feed.");
    expect(html.indexOf("Ecstatic Sunday")).toBeLessThan(html.indexOf("Past"));
    expect(html.indexOf("Past")).toBeLessThan(html.indexOf("Long Ago Breathwork"));
    expect(html).not.toContain("Cancelled Kirtan");
    expect(html).toContain(`value="${APP}/saved/${token}.ics"`);
    expect(html).toContain(`href="webcal://localhost:3000/saved/${token}.ics"`);
    expect(html).toContain(`action="/saved/${token}/remove"`);
    expect(html).toContain(`name="event" value="${events[0]!.id}"`);
    expect(html).toContain("1 event saved in this browser is not on your list.");
    expect(html).toContain(`action="/saved/${token}/merge"`);
    expect(html).toContain(`href="/alerts/${token}"`);
  });

  it("Remove takes the event off the list and the feed", async () => {
    const token = await confirmedSubscriber(newAddress("remove"), [events[0]!.id, events[2]!.id]);
    const response = await postRemove(formPost(`/saved/${token}/remove`, { event: events[0]!.id }), params(token));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/saved/${token}?removed=1`);
    const uids = parseVEvents(await (await getSavedIcs(new Request(`${APP}/saved/${token}.ics`), params(token))).text()).map((event) => event.uid);
    expect(uids).toEqual([`${events[2]!.id}@zenbali`]);
    expect((await postRemove(formPost(`/saved/${token}/remove`, { event: "garbage" }), params(token))).headers.get("location")).toBe(
      `/saved/${token}?removed=0`,
    );
    expect((await postRemove(formPost(`/saved/${"B".repeat(43)}/remove`, { event: events[2]!.id }), params("B".repeat(43)))).status).toBe(404);
  });

  it("merging a browser's list is explicit and idempotent, and remembers the subscriber in that browser", async () => {
    const token = await confirmedSubscriber(newAddress("merge"), [events[0]!.id]);
    const cookie = savedListCookie([events[0]!.id, events[2]!.id, events[3]!.id]);
    const first = await postMerge(formPost(`/ru/saved/${token}/merge`, {}, { cookie, locale: "ru" }), params(token));
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(`/ru/saved/${token}?merged=2`);
    const browser = cookieOf(first);
    expect(parseSubscriberCookie(browser.split("=")[1])).toBe(token);
    const second = await postMerge(formPost(`/ru/saved/${token}/merge`, {}, { cookie, locale: "ru" }), params(token));
    expect(second.headers.get("location")).toBe(`/ru/saved/${token}?merged=0`);
    const listed = await db.savedEvent.findMany({ where: { subscriber: { token } }, select: { eventId: true, confirmedAt: true } });
    expect(listed.map((row) => row.eventId).sort()).toEqual([events[0]!.id, events[2]!.id, events[3]!.id].sort());
    expect(listed.every((row) => row.confirmedAt !== null)).toBe(true);

    request.locale = "ru";
    request.cookie = cookie;
    const html = renderToStaticMarkup(await SubscriberSavedPage({ params: params(token).params, searchParams: Promise.resolve({ merged: "0" }) }));
    expect(html).toContain("Добавлять нечего: события, сохранённые в этом браузере, уже в вашем списке.");
    expect(html).not.toContain("/merge");

    // /saved in that browser finds the subscriber (and what a merge would add); a forged cookie finds nothing.
    const subscriberCookie = browser.split("=")[1];
    expect(await findCookieSubscriber({ subscriberCookie, savedKeys: [] })).toEqual({
      token,
      listPath: `/saved/${token}`,
      feedPath: `/saved/${token}.ics`,
      notInList: 0,
    });
    const forged = `${token}.${"A".repeat(22)}`;
    expect(await findCookieSubscriber({ subscriberCookie: forged })).toBeNull();
    expect(await findCookieSubscriber({ subscriberCookie: "x".repeat(10_000) })).toBeNull();
  });
});
