import type { ServerResponse } from "node:http";

// No "server-only": used by server.mjs (outside Next's bundle).

/**
 * At most `limit` responses rendered by Next at once; the others wait their
 * turn (first come, first served). On a 2-core machine more parallel renders
 * do not finish sooner: they only hold more pages in memory at the same time,
 * which is what pushed the server past 600 MB under 50 concurrent cold
 * requests. A slot is freed when the response is finished or its connection closes.
 * The queue is bounded too: past `maxWaiting`, a request is refused at once
 * (the page cache answers 503 with Retry-After) rather than wait for seconds.
 */
export class RenderLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  /** `maxWaiting`: how many may wait for a slot; one more is refused (`refuse` answers it) instead of queueing without limit. */
  constructor(
    private readonly limit: number,
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  async run<T, R = undefined>(response: ServerResponse, render: () => T, refuse?: () => R): Promise<T | R | undefined> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxWaiting && refuse) return refuse();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    if (response.destroyed || response.writableEnded) {
      // The visitor left while waiting: its "close" has already fired, so nothing would free this slot later.
      this.running--;
      this.waiting.shift()?.();
      return undefined;
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.running--;
      this.waiting.shift()?.();
    };
    response.once("close", release);
    response.once("finish", release);
    try {
      return await render();
    } catch (error) {
      release();
      throw error;
    }
  }

  get queued(): number {
    return this.waiting.length;
  }
}

/**
 * Renders per client (by IP): at most `running` of one client's renders hold
 * slots of the shared limiter at once, `waiting` more wait in the client's
 * own queue, and beyond that `run` answers null (the caller refuses with 429).
 * So one client — a flood of signed-in requests, or of distinct URLs — holds
 * at most `running` of the shared slots and cannot starve everyone else.
 */
export class PerClientRenders {
  private readonly clients = new Map<string, { limiter: RenderLimiter; pending: number }>();

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  run<T>(client: string, response: ServerResponse, render: () => T): Promise<T | undefined> | null {
    let entry = this.clients.get(client);
    if (!entry) {
      entry = { limiter: new RenderLimiter(this.running), pending: 0 };
      this.clients.set(client, entry);
    }
    if (entry.pending >= this.running + this.waiting) return null;
    entry.pending++;
    const owner = entry;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      owner.pending--;
      if (owner.pending === 0 && this.clients.get(client) === owner) this.clients.delete(client);
    };
    response.once("close", release);
    response.once("finish", release);
    return owner.limiter.run(response, render);
  }

  /** Clients with renders in progress or waiting (for tests). */
  get clientCount(): number {
    return this.clients.size;
  }
}
