package org.tingvakt.eventing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The services' tracing, on the OpenTelemetry SDK: W3C trace context ({@code traceparent}) in Kafka record headers beside
 * the CloudEvents headers and in the outbox row, so that one trace follows a comment across the three services. While a
 * span is current ({@link #activate}) its ids are in the log MDC as {@code traceId} and {@code spanId}, which the JSON
 * log prints.
 */
@ApplicationScoped
public class Tracing {
    public static final String TRACEPARENT = "traceparent";
    public static final String MDC_TRACE_ID = "traceId";
    public static final String MDC_SPAN_ID = "spanId";

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");

    private static final Logger LOG = Logger.getLogger(Tracing.class);
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** Parents of the events a batch handler publishes, by the events' thread key ({@link #withParents}). */
    private static final ThreadLocal<Map<String, Context>> BATCH_PARENTS = new ThreadLocal<>();

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    public Tracing(TracingConfig config, EventingConfig eventing) {
        if (!config.enabled()) {
            openTelemetry = OpenTelemetry.noop();
        } else {
            SdkTracerProviderBuilder provider = SdkTracerProvider.builder()
                    .setResource(Resource.getDefault()
                            .merge(Resource.create(
                                    Attributes.of(AttributeKey.stringKey("service.name"), eventing.serviceName()))))
                    .setSampler(sampler(config.sampler(), config.samplerRatio()));
            config.otlpEndpoint().filter(e -> !e.isBlank()).ifPresent(endpoint -> {
                provider.addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                .setEndpoint(endpoint)
                                .build())
                        .build());
                LOG.infof("Exporting traces to %s (sampler %s)", endpoint, config.sampler());
            });
            openTelemetry = OpenTelemetrySdk.builder()
                    .setTracerProvider(provider.build())
                    .build();
        }
        tracer = openTelemetry.getTracer("org.tingvakt");
    }

    static Sampler sampler(String name, double ratio) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "always_on" -> Sampler.alwaysOn();
            case "always_off" -> Sampler.alwaysOff();
            case "traceidratio" -> Sampler.traceIdRatioBased(ratio);
            case "parentbased_always_on" -> Sampler.parentBased(Sampler.alwaysOn());
            case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
            case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
            default -> throw new IllegalArgumentException("unknown tingvakt.tracing.sampler: " + name);
        };
    }

    @PreDestroy
    void close() {
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            sdk.getSdkTracerProvider().shutdown().join(5, TimeUnit.SECONDS);
        }
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Starts a span under the current context (or a new trace when there is none). */
    public Span start(String name, SpanKind kind) {
        return tracer.spanBuilder(name).setSpanKind(kind).startSpan();
    }

    /** Starts a span under the given W3C {@code traceparent}; with none or a malformed one, under the current context. */
    public Span startUnder(String traceparent, String name, SpanKind kind) {
        return tracer.spanBuilder(name)
                .setParent(parent(traceparent))
                .setSpanKind(kind)
                .startSpan();
    }

    /** Makes the span current and puts its ids into the log MDC; closing restores what was there. */
    @SuppressWarnings("MustBeClosedChecker") // the scope is closed by the returned one, which callers close
    public static Scope activate(Span span) {
        Scope scope = span.makeCurrent();
        Object traceBefore = MDC.get(MDC_TRACE_ID);
        Object spanBefore = MDC.get(MDC_SPAN_ID);
        SpanContext sc = span.getSpanContext();
        if (sc.isValid()) {
            MDC.put(MDC_TRACE_ID, sc.getTraceId());
            MDC.put(MDC_SPAN_ID, sc.getSpanId());
        }
        return () -> {
            restore(MDC_TRACE_ID, traceBefore);
            restore(MDC_SPAN_ID, spanBefore);
            scope.close();
        };
    }

    private static void restore(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** Runs the work inside a new span under the current context, ending it (with the failure, if any) after. */
    public <T> T inSpan(String name, SpanKind kind, Supplier<T> work) {
        Span span = start(name, kind);
        try (Scope ignored = activate(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    public static void failed(Span span, Throwable e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
    }

    /** The current context as a W3C {@code traceparent}, or null when no valid span is current. */
    public static String traceparent() {
        return traceparent(Context.current());
    }

    public static String traceparent(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * The trace context for an event of this thread key: the one a batch handler's caller set for it ({@link
     * #withParents}), else the current one.
     */
    public static String traceparentFor(String threadKey) {
        Map<String, Context> parents = BATCH_PARENTS.get();
        if (parents != null && threadKey != null) {
            Context c = parents.get(threadKey);
            if (c != null) {
                return traceparent(c);
            }
        }
        return traceparent();
    }

    /**
     * Runs work that handles the events of several traces at once (a batch): an event it publishes for a thread key joins
     * the trace of the event of that key it handles. Two events of one thread in one batch: the later one's trace.
     */
    public static void withParents(Map<String, Context> parentsByThreadKey, Runnable work) {
        Map<String, Context> before = BATCH_PARENTS.get();
        BATCH_PARENTS.set(parentsByThreadKey);
        try {
            work.run();
        } finally {
            if (before == null) {
                BATCH_PARENTS.remove();
            } else {
                BATCH_PARENTS.set(before);
            }
        }
    }

    /** The context a W3C {@code traceparent} names; the current one if it is null or malformed. */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank() || traceparent.length() > 128) {
            return Context.current();
        }
        return W3C.extract(Context.current(), Map.of(TRACEPARENT, traceparent), MAP);
    }

    /** The {@code traceparent} header of a Kafka record, or null. */
    public static String traceparent(Headers headers) {
        Header h = headers.lastHeader(TRACEPARENT);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Writes the span's context as the record's {@code traceparent} header (nothing for an invalid span). */
    public static void writeTo(Span span, Headers headers) {
        String tp = traceparent(Context.current().with(span));
        if (tp != null) {
            headers.remove(TRACEPARENT);
            headers.add(TRACEPARENT, tp.getBytes(StandardCharsets.UTF_8));
        }
    }
}
