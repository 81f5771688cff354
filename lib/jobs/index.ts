/**
 * Background jobs. App code uses `enqueue` (and `sendMail` in lib/mail, which
 * enqueues a "mail" job); the admin System page uses the counts, the failed
 * list and retry. The worker itself is in lib/jobs/worker.ts (scripts/worker.ts).
 */
export { closeQueues, enqueue, enqueueBulk, getQueueCounts, jobQueue, jobsMode, listFailedJobs, retryFailedJob } from "./queues";
export type { TBulkJob, TBulkResult, TEnqueueOptions, TEnqueueResult, TFailedJob, TJobsMode, TQueueCounts, TQueueOverview, TRetryResult } from "./queues";
export { drainInProcessJobs } from "./in-process";
export { bullPrefix, JOB_POLICIES, QUEUE_NAMES } from "./policies";
export type { TDigestJobData, TDigestSendData, TJobData, TJobName, TQueueName } from "./policies";
