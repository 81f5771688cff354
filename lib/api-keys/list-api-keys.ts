import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";

export const API_KEYS_PAGE_SIZE = 50;

export const ZApiKeyListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export type TApiKeyListQuery = z.output<typeof ZApiKeyListQuery>;

export type TApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  owner: { id: string; name: string; email: string; isActive: boolean };
  createdBy: { email: string } | null;
};

/** Every API key for /admin/api-keys, newest first (never the hash). */
export async function listApiKeys(query: TApiKeyListQuery = {}): Promise<{ keys: TApiKeyRow[]; total: number; page: number; totalPages: number }> {
  const page = query.page ?? 1;
  const [total, keys] = await Promise.all([
    db.apiKey.count(),
    db.apiKey.findMany({
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * API_KEYS_PAGE_SIZE,
      take: API_KEYS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        prefix: true,
        scopes: true,
        createdAt: true,
        lastUsedAt: true,
        revokedAt: true,
        user: { select: { id: true, name: true, email: true, isActive: true } },
        createdBy: { select: { email: true } },
      },
    }),
  ]);
  return {
    keys: keys.map(({ user, ...key }) => ({ ...key, owner: user })),
    total,
    page,
    totalPages: Math.max(1, Math.ceil(total / API_KEYS_PAGE_SIZE)),
  };
}
