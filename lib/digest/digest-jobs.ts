import "server-only";
import type { TDigestJobData, TDigestSendData } from "@/lib/jobs/policies";
import type { TJobLike } from "@/lib/jobs/processors";
import { resumeDigestRuns, runDigest } from "./run-digest";
import { sendDigest } from "./send-digest";

/** The "digest" queue's processor (lib/jobs/processors.ts): "run", "resume" and "send" (see lib/digest/run-digest.ts). */
export async function runDigestJob(job: TJobLike<"digest">): Promise<unknown> {
  if (job.name === "run") return runDigest({ now: instantOf(job.data) });
  if (job.name === "resume") return resumeDigestRuns();
  const data = sendDataOf(job.data);
  return sendDigest(data, { finalAttempt: job.attemptsMade + 1 >= (job.attempts ?? 1) });
}

/** `at` (tests and the benchmark): the run as if it were then; otherwise now. */
function instantOf(data: TDigestJobData): Date {
  const at = "at" in data && typeof data.at === "string" ? new Date(data.at) : null;
  return at && !Number.isNaN(at.getTime()) ? at : new Date();
}

/** Job data is read back from Redis: checked before use. */
function sendDataOf(data: TDigestJobData): TDigestSendData {
  const candidate = data as Partial<TDigestSendData>;
  const uuid = /^[0-9a-f-]{36}$/i;
  const ids = (value: unknown) => Array.isArray(value) && value.every((id) => typeof id === "string" && uuid.test(id));
  if (
    typeof candidate.runId !== "string" ||
    !uuid.test(candidate.runId) ||
    typeof candidate.subscriberId !== "string" ||
    !uuid.test(candidate.subscriberId) ||
    typeof candidate.week !== "string" ||
    !ids(candidate.eventIds) ||
    !ids(candidate.alertIds) ||
    typeof candidate.total !== "number"
  ) {
    throw new Error("a digest send job without its run, subscriber and events");
  }
  return candidate as TDigestSendData;
}
