// lib/draw/fetch-draw.ts against a fake fetch: paging is bounded (a repeated cursor, a page cap),
// and every failure is a DrawFetchError whose message names what went wrong.
import { describe, expect, it } from "vitest";
import { DrawFetchError, fetchDraw, fetchEntryIds, type Fetch } from "@/lib/draw/fetch-draw";

/** A fetch that answers each path with `answer(path)`: [status, body] (a string body is sent as is). */
const fakeFetch =
  (answer: (path: string) => [number, unknown]): Fetch =>
  async (url) => {
    const [status, body] = answer(url.replace("http://draws.test", ""));
    return new Response(typeof body === "string" ? body : JSON.stringify(body), { status });
  };
const source = (answer: (path: string) => [number, unknown]) => ({
  baseUrl: "http://draws.test/",
  dropId: "d1",
  fetch: fakeFetch(answer),
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (err: unknown) => (err instanceof DrawFetchError ? { status: err.status, message: err.message } : err),
  );

describe("fetchEntryIds", () => {
  it("reads every page, following nextCursor until it is null or absent", async () => {
    const pages: Record<string, unknown> = {
      "/api/drops/d1/draw/entries": { entryIds: ["a", "b"], nextCursor: "x y" },
      "/api/drops/d1/draw/entries?cursor=x%20y": { entryIds: ["c"], nextCursor: "2" },
      "/api/drops/d1/draw/entries?cursor=2": { entryIds: [] },
    };
    expect(await fetchEntryIds(source((path) => [200, pages[path]]))).toEqual(["a", "b", "c"]);
  });

  it("stops on a cursor the server repeats, and after the page cap", async () => {
    const same = source(() => [200, { entryIds: ["a"], nextCursor: "again" }]);
    expect(await failure(fetchEntryIds(same))).toEqual({
      status: 200,
      message: 'The entry list repeats the cursor "again": it never ends.',
    });
    let n = 0;
    const endless = source(() => [200, { entryIds: [`e${n}`], nextCursor: String(n++) }]);
    expect(await failure(fetchEntryIds(endless, 5))).toEqual({
      status: 200,
      message: "The entry list did not end after 5 pages.",
    });
    expect(n).toBe(5);
  });
});

describe("fetchDraw", () => {
  it("names a drop that does not exist, one that is not a draw, and an answer of the wrong shape", async () => {
    const notFound: [number, unknown] = [404, { error: { code: "NOT_FOUND", message: "No such drop" } }];
    expect(await failure(fetchDraw(source(() => notFound)))).toEqual({
      status: 404,
      message: "There is no drop d1.",
    });
    const firstCome = source((path) =>
      path === "/api/drops/d1" ? [200, { drop: { totalStock: 3, endsAt: "x" } }] : notFound,
    );
    expect(await failure(fetchDraw(firstCome))).toEqual({
      status: 404,
      message: "Drop d1 is not a draw: it publishes no draw.",
    });
    // The app's own answer for a first-come drop.
    const notADraw: [number, unknown] = [409, { error: { code: "NOT_A_DRAW", message: "First come." } }];
    expect(await failure(fetchDraw(source(() => notADraw)))).toEqual({
      status: 409,
      message: "Drop d1 is not a draw: it publishes no draw.",
    });
    expect(await failure(fetchDraw(source(() => [200, { status: "drawn" }])))).toMatchObject({
      message: expect.stringMatching(
        /^GET \/api\/drops\/d1\/draw answered something that is not what it publishes at commitment/,
      ),
    });
    expect(await failure(fetchDraw(source(() => [502, "<html>Bad gateway</html>"])))).toEqual({
      status: 502,
      message: "GET /api/drops/d1/draw answered 502",
    });
  });

  it("names a server it cannot reach, with the reason", async () => {
    const refused: Fetch = () =>
      Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }));
    expect(await failure(fetchDraw({ baseUrl: "http://127.0.0.1:9", dropId: "d1", fetch: refused }))).toEqual(
      {
        status: 0,
        message: "Could not reach http://127.0.0.1:9/api/drops/d1/draw: ECONNREFUSED",
      },
    );
  });
});
