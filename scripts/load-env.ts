// Scripts read .env / .env.local the way Next.js does (existing variables win).
import nextEnv from "@next/env";

nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");
