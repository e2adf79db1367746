// The body of `npm run verify-draw` (scripts/verify-draw.ts runs it; the tests call it too): recomputes a published draw from any DropRush's public API, with the same
// code as the proof page (lib/draw/fetch-draw.ts, verifyDraw), and prints VERIFIED or each
// difference. With --receipt, checks a shopper's receipt and whether its entry was listed. With
// --queue, recomputes a waiting room's pre-queue from its proof instead (verifyQueueProof), and with
// --ticket, finds a ticket's place in it.
// Exit 0 when everything checked holds, 1 when something does not, 2 on a usage or network error.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  checkDraw,
  DrawFetchError,
  fetchDrawKey,
  fetchQueueProof,
  type DrawSource,
} from "@/lib/draw/fetch-draw";
import { receiptSignedBy } from "@/lib/draw/receipt";
import { verifyQueueProof } from "@/lib/draw/verify-queue";
import { formatCount } from "@/lib/format";
import { receiptSchema, type Receipt } from "@/lib/schemas/draw";
import { dropIdSchema } from "@/lib/schemas/ids";

const usage = `Usage: npm run verify-draw -- --url <url> --drop <id> [--receipt <file.json>]
       npm run verify-draw -- --url <url> --drop <id> --queue [--ticket <id>]

Fetches a draw drop's published draw and every entry id, recomputes the commitment, the beacon's
signature, the entries' hash, the order and the winners, and prints VERIFIED or what differs.
With --queue, fetches a waiting room's proof (GET /api/drops/{id}/queue/proof) and recomputes the
pre-queue's order the same way: the commitment, the beacon round fixed by the start and its
signature, the tickets' hash and count, and the order.

  --url <url>            the deployment (default http://localhost:3000)
  --drop <id>            the draw drop, or with --queue the drop behind a waiting room
  --receipt <file.json>  an entry's receipt ({entryId, dropId, createdAt, signature}, or the body
                         of POST /api/drops/{id}/entries): is it ours, and is its entry listed?
  --queue                verify the drop's waiting-room proof instead of a draw
  --ticket <id>          with --queue: is this ticket in the published order, at which place?
  --help                 this text

Exit code 0: verified; 1: something differs, a ticket is missing, or it is not drawn yet; 2: usage
or network error.`;

class UsageError extends Error {}

type Options = { url: string; drop: string; receipt?: Receipt; queue: boolean; ticket?: string };

function parseOptions(argv: string[]): Options | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        url: { type: "string" },
        drop: { type: "string" },
        receipt: { type: "string" },
        queue: { type: "boolean", default: false },
        ticket: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return undefined;
  const url = (values.url ?? "http://localhost:3000").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+/.test(url)) throw new UsageError(`--url must be an http(s) URL, got "${url}".`);
  if (values.drop === undefined) throw new UsageError("--drop <id> is required.");
  if (!dropIdSchema.safeParse(values.drop).success)
    throw new UsageError(`--drop "${values.drop}" is not a drop id.`);
  if (values.ticket !== undefined && !values.queue)
    throw new UsageError("--ticket <id> goes with --queue: a draw's entry is checked with --receipt.");
  if (values.ticket === "") throw new UsageError("--ticket needs a ticket id.");
  if (values.receipt !== undefined && values.queue)
    throw new UsageError("--receipt is a draw's: with --queue, give your ticket with --ticket <id>.");
  return {
    url,
    drop: values.drop,
    receipt: values.receipt === undefined ? undefined : readReceipt(values.receipt),
    queue: values.queue,
    ticket: values.ticket,
  };
}

/** A receipt file: the receipt itself, or an answer that carries one under `receipt`. */
function readReceipt(file: string): Receipt {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new UsageError(`--receipt ${file}: cannot read it as JSON (${(err as Error).message}).`);
  }
  const inner = (json as { receipt?: unknown } | null)?.receipt ?? json;
  const parsed = receiptSchema.safeParse(inner);
  if (!parsed.success)
    throw new UsageError(`--receipt ${file} is not a receipt: {entryId, dropId, createdAt, signature}.`);
  return parsed.data;
}

/** Prints the queue proof's verdict and the ticket's place; returns whether everything checked holds. */
async function verifyQueue(source: DrawSource, ticket: string | undefined, { out }: Io): Promise<boolean> {
  const proof = await fetchQueueProof(source);
  const verdict = await verifyQueueProof(proof, { ticketId: ticket });
  const beacon = proof.beacon ? `beacon ${proof.beacon.network} round ${proof.beacon.round}` : "no beacon";
  const order = proof.revealed?.order;
  if (verdict.ok) {
    out("VERIFIED");
    out(`  ${formatCount(order?.length ?? 0)} tickets in the pre-queue · ${beacon}`);
  } else {
    out("NOT VERIFIED");
    for (const difference of verdict.differences) out(`  - ${difference}`);
    if (order === undefined) out(`  commitment ${proof.commitment} · ${beacon}`);
  }
  // Its place, whether or not the rest verifies; a missing ticket is among the differences.
  const place = ticket === undefined ? -1 : (order?.indexOf(ticket) ?? -1);
  if (place >= 0)
    out(`  ticket ${ticket} is at place ${formatCount(place + 1)} of ${formatCount(order?.length ?? 0)}`);
  return verdict.ok;
}

/** Prints the verdict; returns whether everything checked holds. */
async function verify({ url, drop, receipt, queue, ticket }: Options, io: Io): Promise<boolean> {
  const { out } = io;
  const source: DrawSource = { baseUrl: url, dropId: drop, fetch };
  if (queue) return verifyQueue(source, ticket, io);
  const check = await checkDraw(source);
  let ok: boolean;
  if (!check.drawn) {
    out(
      `NOT VERIFIED\n  the draw is ${check.draw.status}: it is not drawn yet, so there is nothing to check`,
    );
    out(`  commitment ${check.draw.commitment} · ${check.draw.entryCount} entries so far`);
    ok = false;
  } else if (check.verdict.ok) {
    const { draw, entryIds, units } = check;
    const beacon = draw.beacon ? `beacon ${draw.beacon.network} round ${draw.beacon.round}` : "no beacon";
    out("VERIFIED");
    out(
      `  ${formatCount(entryIds.length)} entries · ${formatCount(draw.winners?.length ?? 0)} winners of ${formatCount(units)} units · ${beacon}`,
    );
    ok = true;
  } else {
    out("NOT VERIFIED");
    for (const difference of check.verdict.differences) out(`  - ${difference}`);
    ok = false;
  }
  if (receipt === undefined) return ok;

  const key = await fetchDrawKey(source);
  const signedBy = receiptSignedBy(key, receipt);
  const genuine = signedBy !== undefined;
  const previous = key.previousPublicKeys?.length
    ? ` (nor its previous keys ${key.previousPublicKeys.join(", ")})`
    : "";
  out(
    signedBy === undefined
      ? `Receipt of entry ${receipt.entryId}: NOT genuine: its signature does not verify with the draw key ${key.publicKey}${previous}`
      : `Receipt of entry ${receipt.entryId}: genuine, signed with the ${signedBy === key.publicKey ? "" : "previous "}draw key ${signedBy}`,
  );
  let listed = true;
  if (receipt.dropId !== drop) {
    out(`  it is a receipt for drop ${receipt.dropId}, not ${drop}`);
    listed = false;
  } else if (check.drawn) {
    listed = check.entryIds.includes(receipt.entryId);
    out(
      listed
        ? `  entry ${receipt.entryId} is in the published entries`
        : `  entry ${receipt.entryId} is MISSING from the published entries${genuine ? ": this receipt proves it entered and was left out" : ""}`,
    );
  }
  return ok && genuine && listed;
}

/** Where the CLI writes: stdout and stderr, a line per call. */
export type Io = { out: (line: string) => void; err: (line: string) => void };

/** Runs `verify-draw` with `argv` (the flags); returns the exit code. */
export async function runVerifyDraw(argv: string[], io: Io): Promise<number> {
  const { out, err } = io;
  let options: Options | undefined;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`${error.message}\n\n${usage}`);
    return 2;
  }
  if (options === undefined) {
    out(usage);
    return 0;
  }
  try {
    return (await verify(options, io)) ? 0 : 1;
  } catch (error) {
    if (!(error instanceof DrawFetchError)) throw error;
    err(`Cannot verify: ${error.message}`);
    return 2;
  }
}
