import type { Env } from "@/lib/env";

// Runs once when a server starts: a misconfigured production app refuses to start instead of
// failing on its first request. Then OpenTelemetry, only when it is asked for (docs/telemetry.md).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("@/lib/env");
    await registerTelemetry(env());
  }
}

/**
 * Traces to OTLP when `OTEL_EXPORTER_OTLP_ENDPOINT` (or `…_TRACES_ENDPOINT`) is set, metrics when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `…_METRICS_ENDPOINT`) is; `DROPRUSH_TRACING=memory` keeps both
 * in memory (the bench's "tracing on"). Otherwise no SDK is loaded: the app's spans and metrics
 * (lib/telemetry.ts) are the OpenTelemetry API's no-ops.
 */
async function registerTelemetry(config: Env): Promise<void> {
  const memory = config.DROPRUSH_TRACING === "memory";
  const traces =
    memory || !!(config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const metrics =
    memory || !!(config.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT ?? config.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (!traces && !metrics) return;
  const [
    { registerOTel },
    { PeriodicExportingMetricReader, InMemoryMetricExporter, AggregationTemporality },
  ] = await Promise.all([import("@vercel/otel"), import("@opentelemetry/sdk-metrics")]);
  const memoryMetrics = memory ? new InMemoryMetricExporter(AggregationTemporality.DELTA) : undefined;
  const metricExporter =
    memoryMetrics ??
    (metrics
      ? new (await import("@opentelemetry/exporter-metrics-otlp-http")).OTLPMetricExporter()
      : undefined);
  const metricReaders = metricExporter
    ? [new PeriodicExportingMetricReader({ exporter: metricExporter })]
    : [];
  if (memory) {
    const { BatchSpanProcessor, InMemorySpanExporter } = await import("@opentelemetry/sdk-trace-base");
    const spans = new InMemorySpanExporter();
    // Kept for a few seconds, then dropped: a benchmark's spans would otherwise fill the heap.
    setInterval(() => {
      spans.reset();
      memoryMetrics?.reset();
    }, 5_000).unref();
    registerOTel({
      serviceName: "droprush",
      spanProcessors: [new BatchSpanProcessor(spans, { maxQueueSize: 65_536, maxExportBatchSize: 4_096 })],
      metricReaders,
    });
    return;
  }
  // The OTLP trace exporter and its headers come from the OTEL_EXPORTER_OTLP_* variables.
  registerOTel({ serviceName: "droprush", metricReaders, ...(traces ? {} : { traceSampler: "always_off" }) });
}
