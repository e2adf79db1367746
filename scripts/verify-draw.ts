// `npm run verify-draw -- --url <url> --drop <id> [--receipt <file.json>]`: recomputes a published
// draw and prints VERIFIED or what differs (scripts/verify-draw/cli.ts). With `--queue [--ticket
// <id>]`, the drop's waiting-room proof instead: the pre-queue's order, and a ticket's place in it.
// Exit 0, 1, or 2 on a usage or network error.
import { runVerifyDraw } from "./verify-draw/cli";

process.exitCode = await runVerifyDraw(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
