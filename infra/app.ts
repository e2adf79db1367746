// `npm run infra:synth` (and the cdk CLI's `--app`): synthesises the stack offline into infra/cdk.out,
// and fails when cdk-nag or the CDK reports an error, so CI refuses what a deploy would.
import { droprushApp } from "./droprush-app";

/** `-c name=value` / `--context name=value` from the command line (the cdk CLI passes its own in the environment). */
function contextFromArgs(args: string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== "-c" && args[i] !== "--context") throw new Error(`Unknown argument ${args[i]}`);
    const [name, ...value] = (args[++i] ?? "").split("=");
    if (!name || value.length === 0) throw new Error(`Expected name=value after ${args[i - 1]}`);
    context[name] = value.join("=");
  }
  return context;
}

const started = performance.now();
const { app } = droprushApp({
  context: contextFromArgs(process.argv.slice(2)),
  outdir: process.env.CDK_OUTDIR ?? "infra/cdk.out",
});
const assembly = app.synth();
const errors = assembly.stacks.flatMap((stack) =>
  stack.messages.filter((m) => m.level === "error").map((m) => `${m.id}: ${String(m.entry.data)}`),
);
if (errors.length > 0) {
  console.error(`${errors.length} error(s) in the synthesised stack:\n${errors.join("\n")}`);
  process.exit(1);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.info(
  `Synthesised ${assembly.stacks.map((s) => s.templateFile).join(", ")} in ${assembly.directory} (${seconds} s).`,
);
