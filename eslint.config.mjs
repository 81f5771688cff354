// ESLint flat config: Next.js (core web vitals) + typescript-eslint strict-type-checked.
// Formatting is Prettier's job (npm run format:check); no stylistic/formatting rules are enabled here.
import { defineConfig } from "eslint/config";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: [
      ".next/**",
      "dist/**",
      "lib/db/generated/**",
      "node_modules/**",
      "coverage/**",
      "test-results/**",
      "playwright-report/**",
      "public/**",
      ".demo/**",
      "data/**",
      "docs/**",
      "next-env.d.ts",
    ],
  },
  nextCoreWebVitals,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      reportUnusedDisableDirectives: "error",
    },
    rules: {
      // Numbers print unambiguously in templates (log lines, URLs, SQL identifiers); everything else must be formatted explicitly.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `onClick={() => setOpen(true)}`: a shorthand arrow may return a void call where its type says it returns void (React props, callbacks).
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreVoidReturningFunctions: true }],
      // Unused parameters named _x document a required signature; the house style already uses the prefix for that.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    // Plain JavaScript (config files, server.mjs, build scripts) is outside tsconfig (allowJs: false): no type information to check against.
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Tests assert presence by failing: a `!` that turns out wrong throws, which is the failure the test wants.
    files: ["**/*.test.ts", "**/*.test.tsx", "tests/**", "e2e/**"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
