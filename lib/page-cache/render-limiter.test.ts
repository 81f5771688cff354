import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { RenderLimiter } from "./render-limiter";

/** Just enough of a ServerResponse: its events and whether the visitor is gone. */
function fakeResponse() {
  const emitter = new EventEmitter() as EventEmitter & { destroyed: boolean; writableEnded: boolean };
  emitter.destroyed = false;
  emitter.writableEnded = false;
  return emitter as unknown as ServerResponse & { destroyed: boolean; emit: (event: string) => boolean };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("RenderLimiter", () => {
  it("runs at most `limit` renders at once and starts the next when one finishes", async () => {
    const limiter = new RenderLimiter(2);
    const started: number[] = [];
    const responses = [fakeResponse(), fakeResponse(), fakeResponse()];
    responses.forEach((response, index) => void limiter.run(response, () => started.push(index)));
    await tick();
    expect(started).toEqual([0, 1]);
    expect(limiter.queued).toBe(1);
    responses[0]!.emit("finish");
    await tick();
    expect(started).toEqual([0, 1, 2]);
  });

  it("does not lose a slot to a visitor who left while waiting", async () => {
    const limiter = new RenderLimiter(1);
    const first = fakeResponse();
    const gone = fakeResponse();
    const last = fakeResponse();
    const started: string[] = [];
    void limiter.run(first, () => started.push("first"));
    void limiter.run(gone, () => started.push("gone"));
    void limiter.run(last, () => started.push("last"));
    await tick();
    gone.destroyed = true;
    gone.emit("close");
    first.emit("finish");
    await tick();
    await tick();
    expect(started).toEqual(["first", "last"]);
    last.emit("close");
    await tick();
    const again = fakeResponse();
    void limiter.run(again, () => started.push("again"));
    await tick();
    expect(started).toContain("again");
  });

  it("refuses at once when the queue is full, instead of queueing without limit", async () => {
    const limiter = new RenderLimiter(1, 2);
    const started: number[] = [];
    const refused: number[] = [];
    const responses = Array.from({ length: 5 }, () => fakeResponse());
    responses.forEach(
      (response, index) =>
        void limiter.run(
          response,
          () => started.push(index),
          () => refused.push(index),
        ),
    );
    await tick();
    expect(started).toEqual([0]);
    expect(limiter.queued).toBe(2);
    expect(refused).toEqual([3, 4]);
    responses[0]!.emit("finish");
    await tick();
    expect(started).toEqual([0, 1]);
    // A place in the queue is free again.
    void limiter.run(
      fakeResponse(),
      () => started.push(5),
      () => refused.push(5),
    );
    await tick();
    expect(refused).toEqual([3, 4]);
    expect(limiter.queued).toBe(2);
  });
});
