import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { QUICKNET } from "@/lib/draw/beacon";
import { quicknetInfo } from "@/lib/draw/verify-beacon";
import { recorded } from "../fixtures/published-draw";

/**
 * A drand relay on loopback for this test file, serving quicknet's chain info and the recorded round
 * only, and named in DRAND_URLS before the file's table is created (the env is read once then): call
 * it before `ownTable`.
 */
export function drandRelay(): void {
  let relay: Server;
  beforeAll(async () => {
    relay = createServer((req, res) => {
      const base = `/${QUICKNET.chainHash}`;
      const url = req.url?.split("?")[0]; // drand-client adds a cache-busting query
      const body =
        url === `${base}/info`
          ? quicknetInfo
          : url === `${base}/public/${recorded.round}`
            ? { round: recorded.round, randomness: recorded.randomness, signature: recorded.signature }
            : undefined;
      res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(body ?? { error: "not recorded" }));
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    process.env.DRAND_URLS = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => relay.close(() => resolve())));
}
