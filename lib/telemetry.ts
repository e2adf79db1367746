import "server-only";
import {
  metrics,
  ProxyTracerProvider,
  SpanStatusCode,
  trace,
  type Attributes,
  type Counter,
  type Histogram,
  type MeterProvider,
  type Span,
} from "@opentelemetry/api";

/**
 * Spans and metrics through the OpenTelemetry API (docs/telemetry.md): tracer and meter `droprush`.
 * With no SDK registered (instrumentation.ts registers one only when an OTLP endpoint is set) every
 * call here is a check and a plain call of the work: no span, no context, no attributes.
 */
const tracer = trace.getTracer("droprush");
/** The provider the API answers with while no SDK is registered. */
const noTracing = new ProxyTracerProvider().getDelegate();

/** True when a tracer provider is registered (spans may be recorded). */
export function tracing(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== noTracing;
}

/**
 * Runs `work` in a span `name` (the active one for whatever it calls), ended when it settles.
 * `refusal(err)` names an error that is an answer, not a failure (a sold-out claim, a refused
 * condition): it becomes `droprush.outcome`; any other error fails the span, its name the outcome.
 * Without tracing, `work` is called as it is, with no span.
 */
export function inSpan<T>(
  name: string,
  attributes: Attributes,
  work: (span?: Span) => Promise<T>,
  refusal: (err: unknown) => string | undefined = () => undefined,
): Promise<T> {
  if (!tracing()) return work();
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (err) {
      const outcome = refusal(err);
      span.setAttribute("droprush.outcome", outcome ?? (err instanceof Error ? err.name : "error"));
      if (outcome === undefined) failed(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Marks a span as failed with `err`. */
function failed(span: Span, err: unknown): void {
  if (err instanceof Error) span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
}

/** Sets an attribute on the span this code runs in, if one is recording. */
export function noteOnSpan(name: string, value: string | number): void {
  if (!tracing()) return;
  const span = trace.getActiveSpan();
  if (span?.isRecording()) span.setAttribute(name, value);
}

type Instruments = {
  provider: MeterProvider;
  claims: Counter;
  claimDuration: Histogram;
  throttles: Counter;
  strandedReturned: Counter;
  queueAdmissions: Counter;
  payments: Counter;
};
let instruments: Instruments | undefined;

/**
 * The metrics, created once per meter provider (the API has no proxy for meters: one registered
 * after the first call gets instruments of its own). Without one they are the API's no-ops.
 */
function meters(): Instruments {
  const provider = metrics.getMeterProvider();
  if (instruments?.provider === provider) return instruments;
  const meter = provider.getMeter("droprush");
  instruments = {
    provider,
    claims: meter.createCounter("droprush.claims", { description: "Claims answered, by outcome" }),
    claimDuration: meter.createHistogram("droprush.claim.duration", {
      description: "A claim's time in the server, by outcome",
      unit: "ms",
    }),
    throttles: meter.createCounter("droprush.db.throttles", {
      description: "DynamoDB attempts refused for capacity (each retry counts)",
    }),
    strandedReturned: meter.createCounter("droprush.stranded_returned", {
      description: "Stranded units the audit returned to stock",
    }),
    queueAdmissions: meter.createCounter("droprush.queue.admissions", {
      description: "Waiting-room polls answered admitted, with a pass",
    }),
    payments: meter.createCounter("droprush.payments", {
      description: "A hold's payment moved to a state, by state",
    }),
  };
  return instruments;
}

/** One claim answered: `droprush.claims` and `droprush.claim.duration`, by outcome. */
export function countClaim(outcome: string, ms: number): void {
  const m = meters();
  const attributes = { "droprush.outcome": outcome };
  m.claims.add(1, attributes);
  m.claimDuration.record(ms, attributes);
}

export const countThrottle = (operation: string) => meters().throttles.add(1, { "db.operation": operation });
export const countStrandedReturned = (units: number) => meters().strandedReturned.add(units);
export const countQueueAdmission = () => meters().queueAdmissions.add(1);
export const countPayment = (state: string) => meters().payments.add(1, { "droprush.payment.state": state });
