import { beforeAll, describe, expect, it } from "vitest";
import { parsePageEventQuery } from "@/lib/events/event-query";
import type { TReferenceData } from "@/lib/reference/list-reference-data";
import { describeAlert, describeQuery } from "./describe-alert";
import { digestMail, listUnsubscribeHeaders } from "./digest-mail";

beforeAll(() => {
  // Links are built from APP_URL (lib/env.ts needs a DATABASE_URL to parse; none is used here).
  process.env.DATABASE_URL ??= "postgresql://unit@127.0.0.1:5432/unit";
});

const SITE = "http://localhost:3000";
const TOKEN = "tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

const reference: TReferenceData = {
  locations: [{ id: 2, name: "Canggu", slug: "canggu" }],
  eventTypes: [{ id: 14, name: "Ecstatic Dance", slug: "ecstatic-dance", names: { id: "Tari Ekstatik", ru: "Экстатический танец" } }],
  entranceTypes: [{ id: 1, name: "Free", slug: "free", names: { id: "Gratis", ru: "Бесплатно" } }],
  participantGroups: [],
};

const words = (query: string, locale: "en" | "id" | "ru" = "en") => describeQuery(parsePageEventQuery(new URLSearchParams(query)).query, locale, reference);

describe("an alert in words", () => {
  it("names the filters in the order of the filter form, in the language", () => {
    expect(words("type=ecstatic-dance&location=canggu")).toBe("Canggu · Ecstatic Dance");
    expect(words("type=ecstatic-dance&location=canggu", "ru")).toBe("Canggu · Экстатический танец");
    expect(words("q=breath work&price=free&lang=ru")).toBe("“breath work” · Free · Russian");
    expect(words("q=breath&lang=ru", "ru")).toBe("«breath» · Русский");
    expect(words("entrance=free&when=weekend", "id")).toBe("Gratis · Akhir pekan ini");
    expect(words("from=2030-01-05&to=2030-01-31")).toBe("from Sat, 5 Jan 2030 · until Thu, 31 Jan 2030");
    expect(words("")).toBe("All events");
    expect(words("type=no-longer-listed")).toBe("no-longer-listed");
  });

  it("an organiser's alert is 'Posts by <name>', linked to their page; a query's link is the listing in the language", () => {
    expect(describeAlert({ kind: "CREATOR", query: null, creatorId: "c1", creatorName: "Canggu Movement" }, "en", reference)).toEqual({
      label: "Posts by Canggu Movement",
      path: "/creators/c1",
    });
    expect(describeAlert({ kind: "QUERY", query: "type=ecstatic-dance&location=canggu&page=2", creatorId: null }, "id", reference)).toEqual({
      label: "Canggu · Tari Ekstatik",
      path: "/id?location=canggu&type=ecstatic-dance",
    });
    expect(describeAlert({ kind: "QUERY", query: "", creatorId: null }, "ru", reference).path).toBe("/ru");
  });
});

describe("the digest mail", () => {
  const event = {
    slug: "sunset-dance-k3x9qa",
    title: 'Sunset <b>Dance</b> & "Friends"\r\nBcc: x@evil.test',
    startsAt: new Date("2030-01-10T11:30:00Z"),
    location: "Canggu",
  };

  it("carries List-Unsubscribe (a URL and a mailto) and List-Unsubscribe-Post: List-Unsubscribe=One-Click", () => {
    expect(listUnsubscribeHeaders(TOKEN)).toEqual({
      "List-Unsubscribe": `<${SITE}/alerts/${TOKEN}/unsubscribe>, <mailto:no-reply@zenbali.site?subject=unsubscribe>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(digestMail({ to: "a@b.test", locale: "en", token: TOKEN, events: [event], total: 1, alerts: [] }).headers).toEqual(listUnsubscribeHeaders(TOKEN));
  });

  it("keeps an organiser's title as text: on one line in the text, escaped in the HTML", () => {
    const mail = digestMail({ to: "a@b.test", locale: "en", token: TOKEN, events: [event], total: 1, alerts: [] });
    expect(mail.text).toContain('Sunset <b>Dance</b> & "Friends" Bcc: x@evil.test\nThu, 10 Jan 2030 · 19:30 · Canggu\n');
    expect(mail.html).toContain("Sunset &lt;b&gt;Dance&lt;/b&gt; &amp; &quot;Friends&quot; Bcc: x@evil.test");
    expect(mail.html).not.toContain("<b>Dance");
    expect(mail.kind).toBe("digest");
  });

  it("speaks the subscriber's language, counts with its plurals, and links into the site in it", () => {
    const mail = (locale: "en" | "id" | "ru", total: number) =>
      digestMail({
        to: "a@b.test",
        locale,
        token: TOKEN,
        events: [event],
        total,
        alerts: [{ label: "Canggu", path: locale === "en" ? "/?location=canggu" : `/${locale}?location=canggu` }],
      });
    expect(mail("en", 1).subject).toBe("1 new event for you on Zen Bali");
    expect(mail("id", 3).subject).toBe("3 acara baru untuk Anda di Zen Bali");
    expect(mail("ru", 5).subject).toBe("5 новых событий для вас на Zen Bali");
    expect(mail("ru", 22).subject).toBe("22 новых события для вас на Zen Bali");
    const russian = mail("ru", 3);
    expect(russian.text).toContain(`${SITE}/ru/events/${event.slug}`);
    expect(russian.text).toContain(`${SITE}/ru/alerts/${TOKEN}`);
    expect(russian.text).toContain("По вашим оповещениям есть ещё 2 события.");
    expect(russian.text).toContain(`Canggu: ${SITE}/ru?location=canggu`);
    expect(mail("id", 1).text).toContain("Kam, 10 Jan 2030");
  });
});
