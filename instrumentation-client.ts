/**
 * Runs in the browser before the app hydrates. Zod (the event form's shared
 * schema is zod) probes once for eval with `new Function("")`. Our
 * Content-Security-Policy allows no eval (lib/http/security-headers.ts), so
 * the browser blocks the probe and reports a CSP violation, although zod then
 * just parses without its eval-compiled fast path. `jitless` skips the probe.
 */
import { config } from "zod/v4/core";

config({ jitless: true });
