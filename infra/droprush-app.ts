import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { DropRushStack } from "./droprush-stack";
import { settingsFrom } from "./settings";

/**
 * The CDK app: the one stack, checked by cdk-nag's AWS Solutions rules (a finding not acknowledged
 * with its reason fails the synth, as CDK's validation plugins do).
 */
export function droprushApp({ context, outdir }: { context: Record<string, string>; outdir?: string }) {
  const app = new App({ context, outdir });
  const stack = new DropRushStack(app, "DropRush", settingsFrom(app.node.getAllContext()));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}
