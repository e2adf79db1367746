// A small keep-alive HTTP client (node:http/https, no fetch overhead). With as many sockets as the
// pool (lib/race/plan.ts) keeps requests in flight, measured latency is the server's, not our queue's.
import http from "node:http";
import https from "node:https";

export type HttpResult = {
  status: number; // 0 = network error (no HTTP answer)
  body: unknown;
  ms: number;
  error?: string;
  /** The `Server-Timing` header's durations by name (ms), when the server sent one. */
  serverTiming?: Record<string, number>;
};

export type HttpClient = {
  request: (
    method: string,
    path: string,
    init?: { token?: string; json?: unknown; headers?: Record<string, string> },
  ) => Promise<HttpResult>;
  close: () => void;
};

export function createHttpClient({
  url,
  sockets,
  timeoutMs = 30_000,
}: {
  url: string;
  sockets: number;
  timeoutMs?: number;
}): HttpClient {
  const base = new URL(url);
  const lib = base.protocol === "https:" ? https : http;
  const agent = new lib.Agent({
    keepAlive: true,
    maxSockets: sockets,
    maxFreeSockets: sockets,
    scheduling: "fifo",
  });

  // A keep-alive socket the server closed while it sat idle (Node's server closes them after 5 s)
  // fails its next request with ECONNRESET before the server saw it: that one is sent again, once,
  // on a new connection outside the pool (the pool's other idle sockets may be just as dead: the
  // retry Node's docs describe for `reusedSocket`).
  async function request(
    method: string,
    path: string,
    init: { token?: string; json?: unknown; headers?: Record<string, string> } = {},
  ): Promise<HttpResult> {
    const first = await send(method, path, init, agent);
    return first.staleSocket ? send(method, path, init, false) : first;
  }

  function send(
    method: string,
    path: string,
    init: { token?: string; json?: unknown; headers?: Record<string, string> },
    via: typeof agent | false,
  ): Promise<HttpResult & { staleSocket?: boolean }> {
    const payload = init.json === undefined ? undefined : Buffer.from(JSON.stringify(init.json));
    const headers: Record<string, string> = { accept: "application/json", ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (payload)
      Object.assign(headers, {
        "content-type": "application/json",
        "content-length": String(payload.length),
      });
    const started = performance.now();
    return new Promise((resolve) => {
      const done = (r: Omit<HttpResult, "ms">) => resolve({ ...r, ms: performance.now() - started });
      const req = lib.request(
        new URL(path, base),
        { method, agent: via, headers, timeout: timeoutMs },
        (res) => readAnswer(res, done),
      );
      req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
      req.on("error", (err: NodeJS.ErrnoException) => {
        const staleSocket = req.reusedSocket && err.code === "ECONNRESET";
        resolve({
          status: 0,
          body: undefined,
          error: err.code ?? err.message,
          ms: performance.now() - started,
          staleSocket,
        });
      });
      req.end(payload);
    });
  }

  return { request, close: () => agent.destroy() };
}

/**
 * A response's status and body, parsed as JSON when it is JSON (a proxy's HTML error page is kept as
 * text), and its Server-Timing; or a network error's message as status 0.
 */
export function readAnswer(res: http.IncomingMessage, done: (answer: Omit<HttpResult, "ms">) => void): void {
  const timing = res.headers["server-timing"];
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("error", (err) => done({ status: 0, body: undefined, error: err.message }));
  res.on("end", () => {
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    done({
      status: res.statusCode ?? 0,
      body,
      serverTiming: timing ? parseServerTiming(String(timing)) : undefined,
    });
  });
}

/** `total;dur=12.5, db;dur=3` → { total: 12.5, db: 3 } */
export function parseServerTiming(header: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const metric of header.split(",")) {
    const [name, ...params] = metric.trim().split(";");
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith("dur="));
    if (name && dur) out[name] = Number(dur.slice(4));
  }
  return out;
}

/** The `code` of the house error body `{ error: { code } }`, if the body is one. */
export function errorCode(body: unknown): string | undefined {
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === "string" ? code : undefined;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
