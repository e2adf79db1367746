// The rooms of lib/ and which may import which are declared once (eslint.config.mjs): the graph has
// no cycle, the code uses exactly the edges declared, and each room's README and the README's
// picture say the same.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- the lint configuration is plain JavaScript, with no types of its own
import { assertAcyclic, rooms as declared } from "../../eslint.config.mjs";

const rooms = declared as Record<string, string[]>;
/** Rooms everybody stands on: left out of the README's picture (their own lists are declared). */
const floor = new Set(["env", "format", "server-timing", "telemetry", "api-routes", "schemas", "errors"]);
const folders = Object.keys(rooms).filter((room) =>
  statSync(join("lib", room), { throwIfNoEntry: false })?.isDirectory(),
);

/** Which rooms each room's files import, read from the code. */
function importedRooms(): Record<string, Set<string>> {
  const found: Record<string, Set<string>> = Object.fromEntries(
    Object.keys(rooms).map((r) => [r, new Set()]),
  );
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  for (const file of walk("lib")) {
    const [first, second] = file.split("/").slice(1);
    const room = second === undefined ? first!.replace(/\.tsx?$/, "") : first!;
    for (const [, target] of readFileSync(file, "utf8").matchAll(/from\s+["']@\/lib\/([^"'/]+)/g))
      if (target !== room) found[room]!.add(target!);
  }
  return found;
}

describe("the rooms of lib/", () => {
  it("form a graph with no cycle, and a declared cycle is refused", () => {
    expect(() => assertAcyclic(rooms)).not.toThrow();
    const cyclic = { ...rooms, stock: [...rooms.stock!, "claim"] };
    expect(() => assertAcyclic(cyclic)).toThrow(/cycle: .*stock → claim|cycle: .*claim → .*stock/);
  });

  it("are every folder and root file of lib/, and the code imports exactly what is declared", () => {
    const onDisk = readdirSync("lib").map((name) => name.replace(/\.ts$/, ""));
    expect(new Set(onDisk.filter((n) => n !== "README.md"))).toEqual(new Set(Object.keys(rooms)));
    const used = importedRooms();
    for (const [room, allowed] of Object.entries(rooms))
      expect({ room, imports: [...used[room]!].sort() }).toEqual({ room, imports: [...allowed].sort() });
  });

  it("each has a README whose last line is its declared imports", () => {
    for (const room of folders) {
      const readme = readFileSync(join("lib", room, "README.md"), "utf8").trimEnd();
      const line = readme.split("\n").at(-1)!;
      const listed = /^May import \(eslint\.config\.mjs\): (.*)\.$/.exec(line)?.[1];
      const names = listed === undefined ? undefined : listed.split(", ").map((n) => n.replaceAll("`", ""));
      expect({ room, names }).toEqual({ room, names: rooms[room] });
    }
  });

  it("are drawn in README.md's picture, every edge above the floor", () => {
    const readme = readFileSync("README.md", "utf8");
    const picture = /```mermaid\nflowchart TD\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const drawn = picture
      .split("\n")
      .map((l) => /^\s*([\w-]+) --> ([\w-]+)\s*$/.exec(l))
      .flatMap((m) => (m ? [`${m[1]} --> ${m[2]}`] : []));
    const declaredEdges = Object.entries(rooms)
      .filter(([room]) => !floor.has(room))
      .flatMap(([room, deps]) => deps.filter((d) => !floor.has(d)).map((d) => `${room} --> ${d}`));
    expect(drawn.sort()).toEqual(declaredEdges.sort());
  });
});
