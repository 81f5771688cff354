"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { retryFailedDigestDeliveries } from "@/lib/admin/retry-digest-deliveries";
import { retryFailedJobAsAdmin } from "@/lib/admin/retry-failed-job";
import { getClientIp } from "@/lib/http/client-ip";
import { formRefusal } from "@/lib/http/form-refusal";
import { requireAdmin } from "@/lib/http/require-admin";

/** The "Retry" button of a failed job on /admin/system. Admins only (checked here again), audited as job.retry. */
export async function retryJobAction(jobId: string, _formData: FormData): Promise<void> {
  const admin = await requireAdmin("/admin/system");
  try {
    await retryFailedJobAsAdmin({ actor: { id: admin.id, email: admin.email }, id: jobId, ip: getClientIp(await headers()) });
  } catch (error) {
    redirect(`/admin/system?error=${encodeURIComponent(formRefusal(error).message)}`);
  }
  redirect(`/admin/system?retried=${encodeURIComponent(jobId)}`);
}

/** "Retry failed" of a digest run on /admin/system. Admins only (checked here again), audited as digest.retry. */
export async function retryDigestAction(runId: string, _formData: FormData): Promise<void> {
  const admin = await requireAdmin("/admin/system");
  let result: Awaited<ReturnType<typeof retryFailedDigestDeliveries>>;
  try {
    result = await retryFailedDigestDeliveries({ actor: { id: admin.id, email: admin.email }, runId, ip: getClientIp(await headers()) });
  } catch (error) {
    redirect(`/admin/system?error=${encodeURIComponent(formRefusal(error).message)}#system-digest`);
  }
  const params = new URLSearchParams({ digestRetried: result.week, count: String(result.retried), ...(result.queued ? {} : { later: "1" }) });
  redirect(`/admin/system?${params.toString()}#system-digest`);
}
