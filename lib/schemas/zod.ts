import { z } from "zod";

// Every schema is built from this one import. jitless: zod 4 otherwise probes `new Function` to
// compile its parsers, which the pages' CSP (lib/security/headers.ts) refuses and reports as a
// violation; the interpreted parsers are what runs then anyway.
z.config({ jitless: true });

export { z };
