/**
 * Whether a form post comes from one of our own pages. Posts that change what a visitor keeps in a cookie (the saved
 * list) are refused from other sites: a page elsewhere could otherwise post to us and, since the browser does not send
 * the Lax cookie with that post, overwrite the visitor's list. Browsers send `Sec-Fetch-Site`; older ones `Origin`;
 * a request with neither (curl, a test) is not a browser acting for someone else and passes.
 */
export function isSameOriginPost(headers: Headers, appUrl: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = headers.get("origin");
  if (!origin) return true;
  try {
    return origin !== "null" && new URL(origin).origin === new URL(appUrl).origin;
  } catch {
    return false;
  }
}
