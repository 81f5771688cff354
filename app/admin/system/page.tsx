import type { Metadata } from "next";
import { retryDigestAction, retryJobAction } from "./actions";
import { firstParam } from "@/lib/admin/admin-url";
import { getSystemStatus, type TSystemStatus } from "@/lib/admin/get-system-status";
import { listDigestRuns, type TDigestRunRow } from "@/lib/admin/list-digest-runs";
import { requireAdmin } from "@/lib/http/require-admin";
import { formatBaliDateTime } from "@/lib/time/bali";

export const metadata: Metadata = { title: "System · Admin", robots: { index: false } };
export const dynamic = "force-dynamic";

const NOT_AVAILABLE = "not available";
const smallButton = "rounded border border-stone-300 px-2 py-1 text-xs hover:bg-stone-100";

const MODE_LABEL: Record<TSystemStatus["redis"]["mode"], string> = {
  tcp: "Redis over TCP (REDIS_URL)",
  upstash: "Upstash Redis (REST)",
  memory: "In-process memory (no Redis configured; single instance only)",
};

const CACHE_MODE_LABEL: Record<TSystemStatus["redis"]["mode"], string> = {
  ...MODE_LABEL,
  tcp: "Redis over TCP (REDIS_CACHE_URL, default REDIS_URL)",
};

const BUCKET_LABEL: Record<string, string> = {
  listing: "Listing and search",
  event: "Event pages",
  feed: "Feeds and sitemap",
  reference: "Reference data",
  creator: "Organiser profiles",
  adminStats: "Admin dashboard figures",
};

function statusText(status: "up" | "down" | "none"): string {
  return status === "up" ? "Up" : status === "down" ? "Down" : "Not configured";
}

function StatusBadge({ status }: { status: "up" | "down" | "none" }) {
  const colour = status === "up" ? "bg-green-100 text-green-900" : status === "down" ? "bg-red-100 text-red-900" : "bg-stone-200 text-stone-800";
  return <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${colour}`}>{statusText(status)}</span>;
}

function latency(ms: number | undefined): string {
  return ms === undefined ? NOT_AVAILABLE : `${ms.toLocaleString("en-US", { maximumFractionDigits: 1 })} ms`;
}

function count(value: number | null | undefined): string {
  return value === null || value === undefined ? NOT_AVAILABLE : value.toLocaleString("en-US");
}

function percent(ratio: number): string {
  return `${(ratio * 100).toLocaleString("en-US", { maximumFractionDigits: 1 })}%`;
}

function Figures({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium text-stone-700">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function redisRows(redis: TSystemStatus["redis"], modeLabel = MODE_LABEL): [string, React.ReactNode][] {
  const rows: [string, React.ReactNode][] = [
    ["Status", <StatusBadge key="status" status={redis.status} />],
    ["Connection", modeLabel[redis.mode]],
    ["Latency", redis.status === "none" ? "—" : latency(redis.latencyMs)],
  ];
  if (redis.error) rows.push(["Error", redis.error]);
  if (!redis.info.available) {
    rows.push(
      ["Memory used", NOT_AVAILABLE],
      ["Memory limit", NOT_AVAILABLE],
      ["Eviction policy", NOT_AVAILABLE],
      ["Keyspace hit ratio", NOT_AVAILABLE],
      ["Connected clients", NOT_AVAILABLE],
    );
    rows.push(["INFO", `${NOT_AVAILABLE}: ${redis.info.reason}`]);
    return rows;
  }
  const info = redis.info.info;
  const hitRatio =
    info.hitRatio !== null
      ? `${percent(info.hitRatio)} (${count(info.keyspaceHits)} hits, ${count(info.keyspaceMisses)} misses)`
      : info.keyspaceHits === 0 && info.keyspaceMisses === 0
        ? "no lookups yet"
        : NOT_AVAILABLE;
  rows.push(
    ["Memory used", info.usedMemoryHuman ?? (info.usedMemoryBytes !== null ? `${count(info.usedMemoryBytes)} bytes` : NOT_AVAILABLE)],
    [
      "Memory limit",
      info.maxMemoryBytes === 0 ? "no limit" : info.maxMemoryBytes === null ? NOT_AVAILABLE : (info.maxMemoryHuman ?? `${count(info.maxMemoryBytes)} bytes`),
    ],
    ["Eviction policy", info.evictionPolicy ?? NOT_AVAILABLE],
    ["Keyspace hit ratio", hitRatio],
    ["Connected clients", count(info.connectedClients)],
    ["Keys (whole server)", count(info.keys)],
    ["Version", info.version ?? NOT_AVAILABLE],
  );
  return rows;
}

export default async function AdminSystemPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  await requireAdmin("/admin/system");
  // The digest runs come from PostgreSQL: when it is down, the section says so and the rest of the page still shows.
  const [status, digestRuns] = await Promise.all([getSystemStatus(), listDigestRuns().catch((): null => null)]);
  const digestRetried = firstParam(raw.digestRetried);
  const digestRetriedCount = firstParam(raw.count);
  const digestLater = firstParam(raw.later) === "1";
  const retried = firstParam(raw.retried);
  const error = firstParam(raw.error);
  const { database, redis, cacheRedis, caches, jobs, failures } = status;
  const processLookups = caches.processHits + caches.processMisses;
  return (
    <>
      <h1 className="text-3xl font-bold">System</h1>
      <p className="mt-2 text-sm text-stone-700">Checked {formatBaliDateTime(status.checkedAt)} (Bali time). Reload the page for fresh figures.</p>
      {retried && (
        <p role="status" className="mt-3 rounded-md bg-green-50 p-3 text-green-900">
          Job {retried} is queued again.
        </p>
      )}
      {digestRetried && /^\d{4}-W\d{2}$/.test(digestRetried) && (
        <p role="status" className="mt-3 rounded-md bg-green-50 p-3 text-green-900">
          Digest {digestRetried}: {Number(digestRetriedCount ?? 0).toLocaleString("en-US")} failed{" "}
          {Number(digestRetriedCount ?? 0) === 1 ? "delivery" : "deliveries"}{" "}
          {digestLater ? "will be sent again by the worker's next resume pass (the job queue is not reachable now)." : "queued again."}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}

      <section aria-labelledby="system-database" className="mt-8">
        <h2 id="system-database" className="text-xl font-semibold">
          Database
        </h2>
        <Figures
          rows={[
            ["Status", <StatusBadge key="status" status={database.status} />],
            ["Latency", latency(database.latencyMs)],
            ...(database.error ? ([["Error", database.error]] as [string, React.ReactNode][]) : []),
          ]}
        />
      </section>

      <section aria-labelledby="system-redis" className="mt-8">
        <h2 id="system-redis" className="text-xl font-semibold">
          State Redis
        </h2>
        <p className="mt-2 text-sm text-stone-700">
          Sessions, sign-in and reset tokens, rate limits, visitor counters and the job queue. It must not evict keys (eviction policy noeviction).
        </p>
        {redis.info.available && redis.info.info.evictionPolicy && redis.info.info.evictionPolicy !== "noeviction" && (
          <p role="alert" className="mt-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            The eviction policy is {redis.info.info.evictionPolicy}: when this Redis is full it may drop sessions, tokens, limits or queued jobs. Set
            noeviction, and put the caches on their own Redis (REDIS_CACHE_URL).
          </p>
        )}
        <Figures rows={redisRows(redis)} />
      </section>

      <section aria-labelledby="system-cache-redis" className="mt-8">
        <h2 id="system-cache-redis" className="text-xl font-semibold">
          Cache Redis
        </h2>
        <p className="mt-2 text-sm text-stone-700">
          Page and data caches: disposable, rebuilt from PostgreSQL.{" "}
          {cacheRedis.sharesStateServer
            ? "Same server as the state Redis (no REDIS_CACHE_URL, or the same host): the figures below are the same server's."
            : "A separate server (REDIS_CACHE_URL)."}
        </p>
        <Figures rows={redisRows(cacheRedis, CACHE_MODE_LABEL)} />
      </section>

      <section aria-labelledby="system-caches" className="mt-8">
        <h2 id="system-caches" className="text-xl font-semibold">
          Caches
        </h2>
        {!caches.enabled && <p className="mt-2 text-sm text-amber-900">Caching is switched off (CACHE_ENABLED=false).</p>}
        <table className="mt-3 w-full border-collapse bg-white text-left text-sm">
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="p-2">
                Cache
              </th>
              <th scope="col" className="p-2">
                Entries
              </th>
              <th scope="col" className="p-2">
                Kept for
              </th>
            </tr>
          </thead>
          <tbody>
            {caches.buckets.map((bucket) => (
              <tr key={bucket.bucket} className="border-b border-stone-100">
                <td className="p-2">
                  {BUCKET_LABEL[bucket.bucket] ?? bucket.bucket} <span className="text-xs text-stone-500">({bucket.bucket})</span>
                </td>
                <td className="p-2">{bucket.entries === null ? "unavailable" : count(bucket.entries)}</td>
                <td className="p-2">{bucket.ttlSeconds} s</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-sm text-stone-700">
          This app process since it started: {count(caches.processHits)} cache hits, {count(caches.processMisses)} misses
          {processLookups > 0 ? ` (${percent(caches.processHits / processLookups)} hits)` : ""}.
        </p>
      </section>

      <section aria-labelledby="system-jobs" className="mt-8">
        <h2 id="system-jobs" className="text-xl font-semibold">
          Job queue
        </h2>
        {jobs.mode === "in-process" ? (
          <p className="mt-2 text-sm">No job queue: jobs run inside the web process (no REDIS_URL, or JOBS_MODE=inline).</p>
        ) : jobs.status === "down" ? (
          <p role="alert" className="mt-2 rounded-md bg-red-50 p-3 text-sm text-red-900">
            Job queue unavailable: Redis does not answer ({jobs.error}). Jobs run inside the web process meanwhile.
          </p>
        ) : (
          <table className="mt-3 w-full border-collapse bg-white text-left text-sm">
            <thead>
              <tr className="border-b border-stone-200">
                {["Queue", "Waiting", "Active", "Delayed", "Failed", "Completed", "Workers"].map((heading) => (
                  <th key={heading} scope="col" className="p-2">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {jobs.queues.map((queue) => (
                <tr key={queue.name} className="border-b border-stone-100">
                  <th scope="row" className="p-2 text-left font-medium">
                    {queue.name}
                    <div className="text-xs font-normal text-stone-600">{queue.description}</div>
                  </th>
                  <td className="p-2">{count(queue.waiting)}</td>
                  <td className="p-2">{count(queue.active)}</td>
                  <td className="p-2">{count(queue.delayed)}</td>
                  <td className="p-2">{count(queue.failed)}</td>
                  <td className="p-2">{count(queue.completed)}</td>
                  <td className="p-2">{queue.workers === null ? NOT_AVAILABLE : count(queue.workers)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="system-failures" className="mt-8">
        <h2 id="system-failures" className="text-xl font-semibold">
          Recent failures
        </h2>
        {failures.status === "none" ? (
          <p className="mt-2 text-sm">No job queue, so no failed list: a job that fails in process is logged.</p>
        ) : failures.status === "unavailable" ? (
          <p className="mt-2 text-sm">Unavailable: {failures.message}</p>
        ) : failures.jobs.length === 0 ? (
          <p className="mt-2 text-sm">No failed jobs.</p>
        ) : (
          <table className="mt-3 w-full border-collapse bg-white text-left text-sm">
            <thead>
              <tr className="border-b border-stone-200">
                {["Job", "Queue", "Reason", "Attempts", "Failed at", "Action"].map((heading) => (
                  <th key={heading} scope="col" className="p-2">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {failures.jobs.map((job) => (
                <tr key={job.id} className="border-b border-stone-100 align-top">
                  <td className="p-2">
                    <span className="font-medium">{job.name}</span> <span className="text-xs text-stone-500">#{job.jobId}</span>
                    <div className="text-xs text-stone-600">{job.summary}</div>
                  </td>
                  <td className="p-2">{job.queue}</td>
                  <td className="max-w-md p-2 break-words">{job.failedReason || "—"}</td>
                  <td className="p-2">
                    {job.attemptsMade} of {job.attempts}
                  </td>
                  <td className="p-2">{job.failedAt ? formatBaliDateTime(job.failedAt) : "—"}</td>
                  <td className="p-2">
                    <form action={retryJobAction.bind(null, job.id)}>
                      <button type="submit" className={smallButton}>
                        Retry
                        <span className="sr-only">
                          {" "}
                          {job.name} job {job.jobId}
                        </span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <DigestRuns runs={digestRuns} />
    </>
  );
}

/** The weekly digest's runs (issue 13): deliveries by outcome, and a retry of the failed ones (audited). */
function DigestRuns({ runs }: { runs: TDigestRunRow[] | null }) {
  return (
    <section aria-labelledby="system-digest" className="mt-8">
      <h2 id="system-digest" className="text-xl font-semibold">
        Digest runs
      </h2>
      <p className="mt-2 text-sm text-stone-700">
        The weekly email of new events for subscribers&apos; alerts, Thursdays at 08:00 Bali time: one row per week, each subscriber sent at most one mail.
      </p>
      {runs === null ? (
        <p className="mt-2 text-sm">Unavailable: the database does not answer.</p>
      ) : runs.length === 0 ? (
        <p className="mt-2 text-sm">No digest has run yet.</p>
      ) : (
        <table className="mt-3 w-full border-collapse bg-white text-left text-sm">
          <thead>
            <tr className="border-b border-stone-200">
              {["Week", "Started", "Finished", "Sent", "Skipped", "Failed", "Pending", "Action"].map((heading) => (
                <th key={heading} scope="col" className="p-2">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} className="border-b border-stone-100 align-top">
                <th scope="row" className="p-2 text-left font-medium">
                  {run.week}
                </th>
                <td className="p-2">{formatBaliDateTime(run.startedAt)}</td>
                <td className="p-2">{run.finishedAt ? formatBaliDateTime(run.finishedAt) : "not yet"}</td>
                <td className="p-2">{count(run.sent)}</td>
                <td className="p-2">{count(run.skipped)}</td>
                <td className="p-2">
                  {count(run.failed)}
                  {run.lastError && <div className="max-w-xs text-xs break-words text-stone-600">Last error: {run.lastError}</div>}
                </td>
                <td className="p-2">{count(run.pending)}</td>
                <td className="p-2">
                  {run.failed > 0 ? (
                    <form action={retryDigestAction.bind(null, run.id)}>
                      <button type="submit" className={smallButton}>
                        Retry failed<span className="sr-only"> deliveries of digest {run.week}</span>
                      </button>
                    </form>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
