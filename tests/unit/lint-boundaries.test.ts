// The house's boundaries are lint rules (eslint.config.mjs): each one must fail on a violation.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });
const RULE = "@typescript-eslint/no-restricted-imports";

async function violations(filePath: string, code: string, rule = RULE): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === rule).map((m) => m.message);
}

describe("boundary rules", () => {
  it("a room imports only the rooms declared below it: an import back up fails", async () => {
    const up = 'import { claimUnit } from "@/lib/claim/claim-unit";\nexport const x = claimUnit;\n';
    expect(await violations("lib/stock/example.ts", up)).toEqual([
      expect.stringContaining("lib/stock/ may import only db, schemas, errors"),
    ]);
    // Types too: a type import back up still ties the rooms together.
    const typeUp = 'import type { Principal } from "@/lib/brand/principal";\nexport type X = Principal;\n';
    expect(await violations("lib/drop/example.ts", typeUp)).toHaveLength(1);
    const down = 'import { takeUnit } from "@/lib/stock/take";\nexport const x = takeUnit;\n';
    expect(await violations("lib/claim/example.ts", down)).toEqual([]);
  });

  it("two files that import each other fail, inside one room too", async () => {
    // claim-unit.ts imports in-flight.ts: in-flight.ts importing it back closes a cycle.
    const back = 'import { claimUnit } from "@/lib/claim/claim-unit";\nexport const x = claimUnit;\n';
    expect(await violations("lib/claim/in-flight.ts", back, "import/no-cycle")).toEqual([
      expect.stringContaining("Dependency cycle"),
    ]);
  });

  it("lib/ imports by @/lib/…, so the room rules see every import", async () => {
    const relative = 'import { x } from "./other";\nexport const y = x;\n';
    expect(await violations("lib/claim/example.ts", relative)).toEqual([expect.stringContaining("@/lib/")]);
  });

  it("lib/ never imports from app/ or components/", async () => {
    const found = await violations(
      "lib/drop/example.ts",
      'import { Stat } from "@/components/ui/stat";\nexport const x = Stat;\n',
    );
    expect(found).toEqual([expect.stringContaining("lib/ is the engine room")]);
  });

  it("a component may not import a server-only room's code, only its types", async () => {
    const code = [
      'import { db } from "@/lib/db/client";',
      'import { claimUnit } from "@/lib/claim/claim-unit";',
      'import type { DropState } from "@/lib/stock/status";',
      "export const x = (s: DropState) => [db, claimUnit, s];",
      "",
    ].join("\n");
    const found = await violations("components/drop/example.tsx", code);
    expect(found).toHaveLength(2);
    expect(found[0]).toContain("server-only room");
  });

  it("the browser's rooms of lib/ keep both rules", async () => {
    const code =
      'import { env } from "@/lib/env";\nimport { Panel } from "@/components/ui/panel";\nexport const x = [env, Panel];\n';
    const found = await violations("lib/hooks/example.ts", code);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining("server-only room"),
        expect.stringContaining("engine room"),
        expect.stringContaining("lib/hooks/ may import only"),
      ]),
    );
  });

  it("the draw's signing key stays on the server: neither the browser nor the verifier imports it", async () => {
    const sign = 'import { signReceipt } from "@/lib/draw/sign-receipt";\nexport const x = signReceipt;\n';
    expect(await violations("components/drop/example.tsx", sign)).toEqual([
      expect.stringContaining("server-only room"),
    ]);
    expect(await violations("lib/draw/example.ts", sign)).toEqual([
      expect.stringContaining("server-only room"),
    ]);
    const verify = 'import { verifyReceipt } from "@/lib/draw/receipt";\nexport const x = verifyReceipt;\n';
    expect(await violations("components/drop/example.tsx", verify)).toEqual([]);
    expect(await violations("app/api/example/route.ts", sign)).toEqual([]);
  });

  it("zod's z comes through lib/schemas/zod (jitless, for the CSP), in lib/, app/ and components/ alike", async () => {
    const code = 'import { z } from "zod";\nexport const x = z.string();\n';
    for (const file of ["lib/drop/example.ts", "app/api/example/route.ts", "components/ui/example.tsx"])
      expect(await violations(file, code)).toEqual([expect.stringContaining("jitless")]);
    const ok =
      'import { z } from "@/lib/schemas/zod";\nimport type { ZodType } from "zod";\nexport const x: ZodType = z.string();\n';
    expect(await violations("lib/drop/example.ts", ok)).toEqual([]);
  });

  it("Stripe.js loads through its pure entry: the main one adds its script to every page on import", async () => {
    const main = 'import { loadStripe } from "@stripe/stripe-js";\nexport const x = loadStripe;\n';
    expect(await violations("components/payments/example.tsx", main)).toEqual([
      expect.stringContaining("@stripe/stripe-js/pure"),
    ]);
    const ok =
      'import { loadStripe } from "@stripe/stripe-js/pure";\nimport type { Stripe } from "@stripe/stripe-js";\nexport const x: (k: string) => Promise<Stripe | null> = loadStripe;\n';
    expect(await violations("components/payments/example.tsx", ok)).toEqual([]);
  });

  it("server code may import any room", async () => {
    const code = 'import { db } from "@/lib/db/client";\nexport const x = db;\n';
    expect(await violations("app/api/example/route.ts", code)).toEqual([]);
  });
});
