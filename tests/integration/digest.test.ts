import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { digestSendJobId } from "@/lib/digest/digest-week";
import { CLAIM_LEASE_MS, INTERRUPTED_ERROR } from "@/lib/digest/record-delivery";
import { openDigestRun, runDigest } from "@/lib/digest/run-digest";
import { DigestInFlightError, sendDigest } from "@/lib/digest/send-digest";
import { matchDigestEvents } from "@/lib/digest/match-digest-events";
import { drainInProcessJobs } from "@/lib/jobs";
import { closeMailTransports, PermanentMailError } from "@/lib/mail/deliver-mail";
import { closeRedis } from "@/lib/redis";
import { fromBaliDateTime } from "@/lib/time/bali";
import { applyEnv } from "../support/env";
import { asymmetric } from "../support/asymmetric";
import { clearEvents, createCreator } from "../support/fixtures";
import { ago, clearDigestData, createSubscriber, CUTOFF, DAY, later, newEvent } from "../support/digest-fixtures";
import { startSmtpCapture, type TCapturedMail, type TSmtpCapture } from "../support/smtp-capture";

/**
 * The weekly digest end to end, without a queue (jobs in process, as JOBS_MODE=inline runs them): the run, one mail
 * per subscriber over a real SMTP server, in their language, with the RFC 8058 headers; nothing in an empty week;
 * never two mails for one subscriber and week, whatever runs twice; the claim's crash window.
 */

const realEnv = { SMTP_URL: process.env.SMTP_URL, APP_URL: process.env.APP_URL, MAIL_FROM: process.env.MAIL_FROM };
let smtp: TSmtpCapture;
let creatorId: string;

function useSmtp(url: string | undefined) {
  applyEnv({ SMTP_URL: url });
  resetEnvForTests();
  closeMailTransports();
}

/** A port where nothing listens (an SMTP server that is down). */
async function deadPort(): Promise<number> {
  const probe = await startSmtpCapture();
  await probe.close();
  return probe.port;
}

const mailsTo = (address: string, capture = smtp) => capture.messages.filter((mail) => mail.to.includes(address));

async function delivery(runId: string, subscriberId: string) {
  return db.digestDelivery.findUniqueOrThrow({ where: { runId_subscriberId: { runId, subscriberId } } });
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  applyEnv({ APP_URL: "https://zenbali.test", MAIL_FROM: "Zen Bali <digest@zenbali.test>" });
  useSmtp(smtp.url);
  await clearEvents();
  await clearDigestData();
  creatorId = (await createCreator({ name: "Made Wirawan" })).id;
});

beforeEach(() => {
  smtp.messages.length = 0;
});

afterEach(async () => {
  useSmtp(smtp.url);
  await drainInProcessJobs();
  await clearDigestData();
  await clearEvents();
  creatorId = (await createCreator({ name: "Made Wirawan" })).id;
});

afterAll(async () => {
  await smtp.close();
  closeMailTransports();
  applyEnv(realEnv);
  resetEnvForTests();
  await disconnectDb();
  await closeRedis();
});

describe("the weekly digest run", () => {
  it("mails each subscriber their new matching events, in their language, with List-Unsubscribe and One-Click headers", async () => {
    const dance = await newEvent(creatorId, { title: "Canggu Ecstatic Dance Night", startsAt: fromBaliDateTime("2030-01-10", "19:30") });
    await newEvent(creatorId, { title: "Ubud Ecstatic Dance", locationSlug: "ubud" });
    const english = await createSubscriber({ alerts: [{ query: "location=canggu&type=ecstatic-dance" }] });
    const russian = await createSubscriber({ language: "ru", alerts: [{ query: "location=canggu&type=ecstatic-dance" }] });

    const result = await runDigest({ now: CUTOFF });
    expect(result).toMatchObject({ week: "2030-W01", created: true, pending: 2 });

    const [mail] = mailsTo(english.email);
    expect(mailsTo(english.email)).toHaveLength(1);
    expect(mail!.subject).toBe("1 new event for you on Zen Bali");
    expect(mail!.text).toContain("Canggu Ecstatic Dance Night");
    expect(mail!.text).not.toContain("Ubud Ecstatic Dance");
    expect(mail!.text).toContain("Thu, 10 Jan 2030 · 19:30 · Canggu");
    expect(mail!.text).toContain(`https://zenbali.test/events/${dance.slug}`);
    expect(mail!.text).toContain("Canggu · Ecstatic Dance: https://zenbali.test/?location=canggu&type=ecstatic-dance");
    expect(mail!.text).toContain(`https://zenbali.test/alerts/${english.token}`);
    expect(mail!.headers["list-unsubscribe"]).toBe(
      `<https://zenbali.test/alerts/${english.token}/unsubscribe>, <mailto:digest@zenbali.test?subject=unsubscribe>`,
    );
    expect(mail!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail!.headers["message-id"]).toBe(`<digest-2030-W01-${english.id}@zenbali.test>`);
    expect(mail!.raw).toMatch(/Content-Type: text\/html/i);

    const [inRussian] = mailsTo(russian.email);
    expect(inRussian!.subject).toBe("1 новое событие для вас на Zen Bali");
    expect(inRussian!.text).toContain(`https://zenbali.test/ru/events/${dance.slug}`);
    expect(inRussian!.text).toContain("Canggu · Экстатический танец: https://zenbali.test/ru?location=canggu&type=ecstatic-dance");
    expect(inRussian!.text).toContain(`https://zenbali.test/ru/alerts/${russian.token}`);
    expect(inRussian!.text).toContain("19:30");
    expect(inRussian!.text).not.toMatch(/New on Zen Bali|Your alerts/);

    const run = await db.digestRun.findUniqueOrThrow({ where: { week: "2030-W01" } });
    expect(run.finishedAt).not.toBeNull();
    for (const subscriber of [english, russian]) {
      expect(await delivery(run.id, subscriber.id)).toMatchObject({ status: "SENT", eventCount: 1, attempts: 1, lastError: null });
      expect((await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).digestedUntil).toEqual(CUTOFF);
    }
  });

  it("sends nothing in a week with no match: the delivery is SKIPPED and the next digest starts from this one", async () => {
    await newEvent(creatorId, { title: "Ubud Only", locationSlug: "ubud" });
    const subscriber = await createSubscriber({ alerts: [{ query: "location=canggu" }] });
    await runDigest({ now: CUTOFF });
    expect(mailsTo(subscriber.email)).toHaveLength(0);
    const run = await db.digestRun.findUniqueOrThrow({ where: { week: "2030-W01" } });
    expect(await delivery(run.id, subscriber.id)).toMatchObject({ status: "SKIPPED", eventCount: 0, sentAt: null });
    expect((await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).digestedUntil).toEqual(CUTOFF);
    expect(run.finishedAt).not.toBeNull();
  });

  it("the next week lists only what was published since, and a repeat of a week sends nothing more", async () => {
    await newEvent(creatorId, { title: "First Week Dance" });
    const subscriber = await createSubscriber({ alerts: [{ query: "type=ecstatic-dance" }] });
    await runDigest({ now: CUTOFF });
    await runDigest({ now: later(1 / 24) }); // the same week again (a second worker, a repeat)
    expect(mailsTo(subscriber.email).map((mail) => mail.text.includes("First Week Dance"))).toEqual([true]);

    await newEvent(creatorId, { title: "Second Week Dance", publishedAt: later(3) });
    await runDigest({ now: later(7) });
    const mails = mailsTo(subscriber.email);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.text).toContain("Second Week Dance");
    expect(mails[1]!.text).not.toContain("First Week Dance");
  });

  it("an unsubscribed subscriber gets no digest, even one already owed", async () => {
    await newEvent(creatorId);
    const left = await createSubscriber({ unsubscribedAt: ago(1), alerts: [{ query: "" }] });
    const leaving = await createSubscriber({ alerts: [{ query: "" }] });
    const { run } = await openDigestRun({ now: CUTOFF });
    const [match] = await matchDigestEvents({ runId: run.id, cutoff: run.cutoff, subscriberIds: [leaving.id] });
    await db.subscriber.update({ where: { id: leaving.id }, data: { unsubscribedAt: new Date() } });
    expect(await sendDigest({ runId: run.id, week: run.week, ...match! })).toBe("skipped");
    expect(mailsTo(left.email)).toHaveLength(0);
    expect(mailsTo(leaving.email)).toHaveLength(0);
    expect(await db.digestDelivery.count({ where: { runId: run.id, subscriberId: left.id } })).toBe(0);
  });

  it("lists at most 20 events soonest first, says how many more, and the subject counts them all", async () => {
    for (let day = 0; day < 23; day++) {
      await newEvent(creatorId, { title: `Dance Day ${day + 1}`, startsAt: new Date(fromBaliDateTime("2030-01-05", "18:00").getTime() + day * DAY) });
    }
    const subscriber = await createSubscriber({ alerts: [{ query: "type=ecstatic-dance" }] });
    await runDigest({ now: CUTOFF });
    const [mail] = mailsTo(subscriber.email);
    expect(mail!.subject).toBe("23 new events for you on Zen Bali");
    const listed = [...mail!.text.matchAll(/^Dance Day (\d+)$/gm)].map((match) => Number(match[1]));
    expect(listed).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(mail!.text).toContain("3 more events match your alerts.");
  });
});

describe("at most one mail per subscriber and week", () => {
  async function owedDigest() {
    await newEvent(creatorId, { title: "Owed Dance" });
    const subscriber = await createSubscriber({ alerts: [{ query: "" }] });
    const { run } = await openDigestRun({ now: CUTOFF });
    const [match] = await matchDigestEvents({ runId: run.id, cutoff: run.cutoff });
    return { subscriber, run, data: { runId: run.id, week: run.week, ...match! } };
  }

  it("the same send run again, or three at once, sends one mail", async () => {
    const { subscriber, run, data } = await owedDigest();
    const outcomes = await Promise.allSettled([sendDigest(data), sendDigest(data), sendDigest(data)]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled" && outcome.value === "sent")).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(DigestInFlightError);
      else expect(["sent", "already-done"]).toContain(outcome.value);
    }
    expect(await sendDigest(data)).toBe("already-done");
    expect(mailsTo(subscriber.email)).toHaveLength(1);
    expect(await delivery(run.id, subscriber.id)).toMatchObject({ status: "SENT", attempts: 1 });
    expect(digestSendJobId(run.week, subscriber.id)).toBe(`digest:2030-W01:${subscriber.id}`);
  });

  it("SMTP down: the claim is released for the next attempt; back: one mail. The last attempt records FAILED", async () => {
    const { subscriber, run, data } = await owedDigest();
    useSmtp(`smtp://127.0.0.1:${await deadPort()}`);
    await expect(sendDigest(data)).rejects.toThrow(/ECONNREFUSED|connect/i);
    await expect(sendDigest(data)).rejects.toThrow(/ECONNREFUSED|connect/i);
    expect(await delivery(run.id, subscriber.id)).toMatchObject({
      status: "PENDING",
      sentAt: null,
      attempts: 2,
      lastError: asymmetric.stringMatching(/ECONNREFUSED|connect/i),
    });
    expect((await db.digestRun.findUniqueOrThrow({ where: { id: run.id } })).finishedAt).toBeNull();

    useSmtp(smtp.url);
    expect(await sendDigest(data)).toBe("sent");
    expect(mailsTo(subscriber.email)).toHaveLength(1);
    expect(await delivery(run.id, subscriber.id)).toMatchObject({ status: "SENT", attempts: 3, lastError: null });
  });

  it("the last attempt with SMTP still down records FAILED, and the subscriber's next digest still has those events", async () => {
    const { subscriber, run, data } = await owedDigest();
    useSmtp(`smtp://127.0.0.1:${await deadPort()}`);
    await expect(sendDigest(data, { finalAttempt: true })).rejects.toThrow();
    expect(await delivery(run.id, subscriber.id)).toMatchObject({ status: "FAILED", sentAt: null });
    expect((await db.subscriber.findUniqueOrThrow({ where: { id: subscriber.id } })).digestedUntil).not.toEqual(CUTOFF);
    expect((await db.digestRun.findUniqueOrThrow({ where: { id: run.id } })).finishedAt).not.toBeNull();
    useSmtp(smtp.url);
    await runDigest({ now: later(7) });
    expect(mailsTo(subscriber.email).map((mail: TCapturedMail) => mail.text.includes("Owed Dance"))).toEqual([true]);
  });

  it("a permanent refusal (550) records FAILED at once and is not retried", async () => {
    const refusing = await startSmtpCapture({ rejectRecipient: (address) => address.endsWith("@digest.test") });
    try {
      const { subscriber, run, data } = await owedDigest();
      useSmtp(refusing.url);
      await expect(sendDigest(data)).rejects.toBeInstanceOf(PermanentMailError);
      expect(await delivery(run.id, subscriber.id)).toMatchObject({ status: "FAILED", lastError: asymmetric.stringContaining("550") });
      expect(await sendDigest(data)).toBe("already-done");
    } finally {
      await refusing.close();
    }
  });

  it("a claim older than its lease (the worker died mid-send) becomes FAILED and is never sent again by itself", async () => {
    await newEvent(creatorId, { title: "Owed Dance" });
    const crashed = await createSubscriber({ alerts: [{ query: "" }] });
    const busy = await createSubscriber({ alerts: [{ query: "" }] });
    const { run } = await openDigestRun({ now: CUTOFF });
    const matches = await matchDigestEvents({ runId: run.id, cutoff: run.cutoff });
    const dataOf = (subscriberId: string) => ({ runId: run.id, week: run.week, ...matches.find((match) => match.subscriberId === subscriberId)! });
    const claimedAt = (subscriberId: string, sentAt: Date) =>
      db.digestDelivery.update({ where: { runId_subscriberId: { runId: run.id, subscriberId } }, data: { sentAt, attempts: 1 } });

    await claimedAt(crashed.id, new Date(Date.now() - CLAIM_LEASE_MS - 1_000));
    expect(await sendDigest(dataOf(crashed.id))).toBe("interrupted");
    expect(await delivery(run.id, crashed.id)).toMatchObject({ status: "FAILED", lastError: INTERRUPTED_ERROR });
    expect(mailsTo(crashed.email)).toHaveLength(0);

    // A claim within its lease: another worker is sending it; this attempt waits for a later retry.
    await claimedAt(busy.id, new Date());
    await expect(sendDigest(dataOf(busy.id))).rejects.toBeInstanceOf(DigestInFlightError);
    expect(mailsTo(busy.email)).toHaveLength(0);
    expect(await delivery(run.id, busy.id)).toMatchObject({ status: "PENDING", attempts: 1 });
  });
});
