import next from "eslint-config-next/core-web-vitals";
import ts from "eslint-config-next/typescript";

/**
 * The rooms of lib/ and which other rooms each may import: a directed graph with no cycle, read top
 * to bottom (docs/architecture.md, "Rooms"; the picture in README.md and each room's README follow
 * it, tests/unit/rooms.test.ts checks both). A room is a folder of lib/ or one of its root files.
 * An import of a room not listed here fails lint, so an import back up (a cycle) fails CI.
 */
export const rooms = {
  // The browser's rooms.
  race: ["hooks", "schemas"],
  hooks: ["draw", "security", "schemas", "errors"],
  // Both sides': the draw's formulas and its verifier (receipts are signed in a server-only file).
  draw: ["schemas"],
  // The server's rooms, from the route wrappers down to the database.
  http: ["auth", "brand", "drop", "security", "schemas", "errors"],
  // Draw drops' server side: entries, the draw's run, winners' holds and the waitlist.
  // The waiting room: tickets, the pre-queue's shuffle (the draw's proof), admission, passes.
  queue: [
    "entries",
    "claim",
    "drop",
    "stock",
    "draw",
    "security",
    "db",
    "schemas",
    "errors",
    "env",
    "telemetry",
  ],
  entries: ["claim", "drop", "stock", "draw", "payments", "db", "schemas", "errors", "env"],
  admin: ["claim", "auth", "brand", "drop", "stock", "attempts", "db", "schemas", "errors", "format"],
  claim: [
    "auth",
    "drop",
    "stock",
    "attempts",
    "payments",
    "security",
    "mail",
    "db",
    "schemas",
    "errors",
    "env",
    "server-timing",
    "telemetry",
  ],
  auth: ["brand", "drop", "security", "db", "schemas", "errors", "env"],
  brand: ["drop", "security", "mail", "db", "schemas", "errors", "env"],
  drop: ["stock", "db", "schemas", "errors", "env"],
  // Payments: providers (local, stripe), a hold's payment, the webhook. Below claim, which calls it.
  payments: ["security", "db", "schemas", "errors", "env", "telemetry"],
  attempts: ["db", "schemas", "errors", "server-timing"],
  stock: ["db", "schemas", "errors"],
  security: ["db", "schemas", "errors", "env"],
  mail: ["schemas", "env", "format"],
  db: ["env", "server-timing", "telemetry"],
  // The floor, shared by every room, browser and server.
  env: ["schemas"],
  format: ["schemas"],
  "server-timing": ["errors"],
  // Spans and metrics through the OpenTelemetry API (no-ops until instrumentation.ts registers an SDK).
  telemetry: [],
  "api-routes": ["errors"],
  schemas: ["errors"],
  errors: [],
};

/** Throws on a cycle in `graph` (room → rooms it may import), naming it. */
export function assertAcyclic(graph) {
  const state = new Map(); // room → "open" while on the path, "done" after
  const visit = (room, path) => {
    if (state.get(room) === "done") return;
    if (state.get(room) === "open") throw new Error(`Rooms in a cycle: ${[...path, room].join(" → ")}`);
    state.set(room, "open");
    for (const next of graph[room] ?? []) visit(next, [...path, room]);
    state.set(room, "done");
  };
  for (const room of Object.keys(graph)) visit(room, []);
}
assertAcyclic(rooms);

const isFolder = (room) =>
  !["env", "format", "server-timing", "telemetry", "api-routes", "errors"].includes(room);
const roomPatterns = (room) => (isFolder(room) ? [`@/lib/${room}`, `@/lib/${room}/*`] : [`@/lib/${room}`]);
/** The pattern that refuses every room `room` may not import. */
const roomRule = (room) => ({
  group: Object.keys(rooms)
    .filter((other) => other !== room && !rooms[room].includes(other))
    .flatMap(roomPatterns),
  message: `lib/${isFolder(room) ? `${room}/` : `${room}.ts`} may import only ${rooms[room].join(", ") || "nothing"} (the rooms in eslint.config.mjs): no import back up.`,
});
const byAlias = {
  group: ["./*", "../*"],
  message: "Import by @/lib/…, so the room rules see it.",
};
const roomFiles = (room) => (isFolder(room) ? [`lib/${room}/**`] : [`lib/${room}.ts`]);

// The house's boundaries (docs/architecture.md, "Rooms"). Modules that touch the database, secrets or server
// memory are server-only: browser code may import their types, never their code.
const noServerRooms = {
  group: [
    "@/lib/db/*",
    "@/lib/stock/*",
    "@/lib/attempts/*",
    "@/lib/claim/*",
    "@/lib/drop/*",
    "@/lib/auth/*",
    "@/lib/brand/*",
    "@/lib/http/*",
    "@/lib/env",
    "@/lib/server-timing",
    "@/lib/telemetry",
    "@/lib/admin/metrics",
    "@/lib/admin/claims-page",
    "@/lib/admin/pages",
    "@/lib/admin/identity",
    "@/lib/admin/activity-names",
    "@/lib/admin/delete-drop",
    "@/lib/security/rate-limit",
    "@/lib/security/limits",
    "@/lib/security/client-address",
    "@/lib/security/crypto",
    "@/lib/security/pow",
    "@/lib/draw/sign-receipt",
    "@/lib/payments/*",
    "@/lib/queue/*",
    "@/lib/security/queue-pass",
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
// Stripe.js through its pure entry only: the main one adds Stripe's script to every page that imports
// it, while the pages allow Stripe's origins only with PAYMENTS=stripe (lib/security/headers.ts).
const stripeJsPure = {
  name: "@stripe/stripe-js",
  allowTypeImports: true,
  message: "Import loadStripe from @stripe/stripe-js/pure: the main entry loads Stripe.js on import.",
};
// In flat config the last block that sets a rule wins, so each block lists all its patterns.
const restrict = (...patterns) => ({
  "@typescript-eslint/no-restricted-imports": [
    "error",
    { paths: [zodThroughSchemas, stripeJsPure], patterns },
  ],
});

const config = [
  ...next,
  ...ts,
  { files: ["app/**", "proxy.ts"], rules: restrict() },
  // Components get server data as props from app/ (server components included), never from a room.
  { files: ["components/**"], rules: restrict(noServerRooms) },
  // Each room of lib/ imports only the rooms below it; the browser's rooms, types alone of the server's.
  ...Object.keys(rooms).map((room) => ({
    files: roomFiles(room),
    rules: restrict(
      noUi,
      byAlias,
      roomRule(room),
      ...(["hooks", "race", "draw"].includes(room) ? [noServerRooms] : []),
    ),
  })),
  {
    files: ["lib/schemas/zod.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [noUi, byAlias, roomRule("schemas")] },
      ],
    },
  },
  // infra/ builds the table from the app's definition and nothing else of the app's.
  {
    files: ["infra/**"],
    rules: restrict({
      group: ["../*", "@/*", "!@/lib", "@/lib/*", "!@/lib/db", "@/lib/db/*", "!@/lib/db/table"],
      message: "infra/ imports only @/lib/db/table from the app: the table's one definition.",
    }),
  },
  // No two files import each other, inside a room or across.
  {
    files: ["lib/**", "app/**", "components/**"],
    rules: { "import/no-cycle": ["error", { ignoreExternal: true, disableScc: true }] },
  },
  {
    ignores: [
      ".next*/**",
      ".data/**",
      ".cache/**",
      "infra/cdk.out/**",
      "node_modules/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
];

export default config;
