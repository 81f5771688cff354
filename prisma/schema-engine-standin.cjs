#!/usr/bin/env node
// Stand-in for Prisma's native schema engine (which cannot be downloaded
// offline). It only answers `--version`; migrations use `npm run db:migrate`.
if (process.argv.includes("--version")) {
  console.log("schema-engine-cli standin (use npm run db:migrate / db:deploy)");
  process.exit(0);
}
console.error("The native Prisma schema engine is not installed. Use `npm run db:migrate` or `npm run db:deploy` (WASM engine).");
process.exit(1);
