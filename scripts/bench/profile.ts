// `npm run bench -- --cpu-prof <dir>`: one V8 CPU profile of the server per phase, summarised by who
// owns the time (AWS SDK, Next.js, the app, zod, Node, GC). Frames inside Node's own modules are
// charged to the nearest caller that belongs to a package, so "http write for an SDK call" counts as SDK.
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { SourceMap } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { sleep } from "../race/http-pool";

type Frame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

export function profilingEnv(dir: string): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const hook = pathToFileURL(resolve("scripts/bench/profile-hook.mjs")).href;
  return {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${hook}`.trim(),
    BENCH_CPU_PROFILE_DIR: resolve(dir),
  };
}

/** Cuts the profile so far and names it; returns its path (undefined when the server is not profiled). */
async function cutProfile(dir: string, label: string, count: { n: number }): Promise<string | undefined> {
  const pidFile = join(dir, "server.pid");
  if (!existsSync(pidFile)) return undefined;
  process.kill(Number(readFileSync(pidFile, "utf8")), "SIGUSR2");
  const file = join(dir, `${++count.n}.cpuprofile`);
  for (let waited = 0; !existsSync(file) && waited < 10_000; waited += 100) await sleep(100);
  const named = join(dir, `${label}.cpuprofile`);
  renameSync(file, named);
  return named;
}

/**
 * A bench's profiles, one per phase (none without `dir`): `cut(label)` closes the phase that just
 * ended; `phases` are the profiles so far, in order, each with how long its phase lasted.
 */
export function phaseProfiles(dir: string | undefined) {
  const count = { n: 0 };
  const phases: { label: string; file: string; seconds: number }[] = [];
  let since = performance.now();
  const cut = async (label: string) => {
    if (!dir) return;
    const file = await cutProfile(dir, label, count);
    if (file) phases.push({ label, file, seconds: Math.round((performance.now() - since) / 100) / 10 });
    since = performance.now();
  };
  return { cut, phases };
}

const maps = new Map<string, SourceMap | undefined>();
function sourceOf(frame: Frame): string {
  if (!frame.url.includes("/chunks/")) return frame.url;
  const path = frame.url.replace(/^file:\/\//, "");
  if (!maps.has(path)) {
    try {
      maps.set(path, new SourceMap(JSON.parse(readFileSync(`${path}.map`, "utf8"))));
    } catch {
      maps.set(path, undefined);
    }
  }
  const entry = maps.get(path)?.findEntry(frame.lineNumber, frame.columnNumber) as
    { originalSource?: string } | undefined;
  return decodeURIComponent(entry?.originalSource ?? path);
}

function ownerOf(frame: Frame): string | undefined {
  if (frame.url === "") {
    if (frame.functionName === "(garbage collector)") return "GC";
    if (frame.functionName === "(idle)") return "idle";
    return undefined; // native work on behalf of its caller
  }
  if (frame.url.startsWith("node:")) return undefined;
  const src = sourceOf(frame);
  if (/@aws-sdk|@smithy|@aws-crypto/.test(src)) return "AWS SDK";
  if (/node_modules\/zod\//.test(src)) return "zod";
  if (/node_modules\/next\/|next\/dist/.test(src)) return "Next.js";
  if (/(^|\/)(lib|app)\//.test(src) && !src.includes("node_modules")) return "app (lib/, app/)";
  const pkg = src.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1];
  return pkg ?? "other";
}

/** Milliseconds by owner, over the whole profile. */
export function summarizeProfile(file: string): Record<string, number> {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const owners = new Map<number, string>();
  const owner = (id: number): string => {
    const known = owners.get(id);
    if (known) return known;
    const node = byId.get(id);
    const own = node ? ownerOf(node.callFrame) : undefined;
    const up = parent.get(id);
    const result = own ?? (up === undefined ? "Node (no caller)" : owner(up));
    owners.set(id, result);
    return result;
  };
  const ms: Record<string, number> = {};
  profile.samples.forEach((id, i) => {
    const o = owner(id);
    ms[o] = (ms[o] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  });
  return Object.fromEntries(
    Object.entries(ms)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [k, Math.round(v)]),
  );
}
