"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getClientIp } from "@/lib/http/client-ip";
import { requireAdmin } from "@/lib/http/require-admin";
import { retryFailedJobAsAdmin } from "../retry-failed-job";

/** The "Retry" button of a failed job on /admin/system. Admins only (checked here again), audited as job.retry. */
export async function retryJobAction(jobId: string, _formData: FormData): Promise<void> {
  const admin = await requireAdmin("/admin/system");
  try {
    await retryFailedJobAsAdmin({ actor: { id: admin.id, email: admin.email }, id: String(jobId), ip: getClientIp(await headers()) });
  } catch (error) {
    if (error instanceof AppError) redirect(`/admin/system?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  redirect(`/admin/system?retried=${encodeURIComponent(jobId)}`);
}
