// The house's boundaries are lint rules (eslint.config.mjs): each one must fail on a violation.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });
const RULE = "@typescript-eslint/no-restricted-imports";

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe("boundary rules", () => {
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
      'import type { DropState } from "@/lib/drop/status";',
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
    expect(await violations("lib/hooks/example.ts", code)).toHaveLength(2);
  });

  it("zod's z comes through lib/schemas/zod (jitless, for the CSP), in lib/, app/ and components/ alike", async () => {
    const code = 'import { z } from "zod";\nexport const x = z.string();\n';
    for (const file of ["lib/drop/example.ts", "app/api/example/route.ts", "components/ui/example.tsx"])
      expect(await violations(file, code)).toEqual([expect.stringContaining("jitless")]);
    const ok =
      'import { z } from "@/lib/schemas/zod";\nimport type { ZodType } from "zod";\nexport const x: ZodType = z.string();\n';
    expect(await violations("lib/drop/example.ts", ok)).toEqual([]);
  });

  it("server code may import any room", async () => {
    const code = 'import { db } from "@/lib/db/client";\nexport const x = db;\n';
    expect(await violations("app/api/example/route.ts", code)).toEqual([]);
  });
});
