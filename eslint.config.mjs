import next from "eslint-config-next/core-web-vitals";
import ts from "eslint-config-next/typescript";

// The house's boundaries (docs/architecture.md, "Rooms"). Modules that touch the database, secrets or server
// memory are server-only: browser code may import their types, never their code.
const noServerRooms = {
  group: [
    "@/lib/db/*",
    "@/lib/claim/*",
    "@/lib/drop/*",
    "@/lib/auth/*",
    "@/lib/brand/*",
    "@/lib/env",
    "@/lib/server-timing",
    "@/lib/admin/attempt-counts",
    "@/lib/admin/metrics",
    "@/lib/admin/claims-page",
    "@/lib/admin/drop-page",
    "@/lib/security/rate-limit",
    "@/lib/security/limits",
    "@/lib/security/client-address",
    "@/lib/security/pow",
    "@/lib/security/challenge",
  ],
  allowTypeImports: true,
  message: "A server-only room: browser code may import its types only (import type …).",
};
const noUi = {
  group: ["@/app/*", "@/components/*", "**/app/*", "**/components/*"],
  message: "lib/ is the engine room: it never imports from app/ or components/.",
};
// zod's `z` only through lib/schemas/zod.ts, which makes it jitless (the pages' CSP refuses eval).
const zodThroughSchemas = {
  name: "zod",
  importNames: ["z"],
  allowTypeImports: true,
  message: "Import z from @/lib/schemas/zod: it is configured jitless for the pages' CSP.",
};
// In flat config the last block that sets a rule wins, so each block lists all its patterns.
const restrict = (...patterns) => ({
  "@typescript-eslint/no-restricted-imports": ["error", { paths: [zodThroughSchemas], patterns }],
});

const config = [
  ...next,
  ...ts,
  { files: ["app/**", "proxy.ts"], rules: restrict() },
  { files: ["lib/**"], rules: restrict(noUi) },
  // Components get server data as props from app/ (server components included), never from a room.
  { files: ["components/**"], rules: restrict(noServerRooms) },
  // The browser's rooms of lib/.
  { files: ["lib/hooks/**", "lib/race/**"], rules: restrict(noUi, noServerRooms) },
  {
    files: ["lib/schemas/zod.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [noUi] }] },
  },
  {
    ignores: [
      ".next*/**",
      ".data/**",
      ".cache/**",
      "node_modules/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
];

export default config;
