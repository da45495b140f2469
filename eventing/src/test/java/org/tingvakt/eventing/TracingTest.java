package org.tingvakt.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

/** The trace context as it travels: Kafka headers, the outbox's traceparent, the log MDC. */
class TracingTest {
    private static final Tracing TRACING = new Tracing(config(true), eventing());

    @Test
    void aRecordsHeaderCarriesTheSpanAndTheConsumersSpanIsItsChild() {
        Span producer = TRACING.start("publish t", SpanKind.PRODUCER);
        RecordHeaders headers = new RecordHeaders();
        Tracing.writeTo(producer, headers);
        String traceparent = new String(headers.lastHeader("traceparent").value(), StandardCharsets.UTF_8);
        assertTrue(
                traceparent.startsWith("00-" + producer.getSpanContext().getTraceId() + "-"
                        + producer.getSpanContext().getSpanId() + "-"),
                traceparent);

        Span consumer = TRACING.startUnder(Tracing.traceparent(headers), "process t", SpanKind.CONSUMER);
        assertEquals(
                producer.getSpanContext().getTraceId(),
                consumer.getSpanContext().getTraceId());
        assertNotEquals(
                producer.getSpanContext().getSpanId(), consumer.getSpanContext().getSpanId());
    }

    @Test
    void aMissingOrMalformedTraceparentStartsANewTrace() {
        Span a = TRACING.startUnder(null, "a", SpanKind.CONSUMER);
        Span b = TRACING.startUnder("00-not-a-trace-01", "b", SpanKind.CONSUMER);
        Span c = TRACING.startUnder("x".repeat(10_000), "c", SpanKind.CONSUMER);
        assertTrue(a.getSpanContext().isValid()
                && b.getSpanContext().isValid()
                && c.getSpanContext().isValid());
        assertNotEquals(a.getSpanContext().getTraceId(), b.getSpanContext().getTraceId());
        assertNotEquals(b.getSpanContext().getTraceId(), c.getSpanContext().getTraceId());
    }

    @Test
    void theCurrentSpansIdsAreInTheLogMdcAndRemovedAfter() {
        assertNull(MDC.get(Tracing.MDC_TRACE_ID));
        Span span = TRACING.start("work", SpanKind.INTERNAL);
        try (Scope ignored = Tracing.activate(span)) {
            assertEquals(span.getSpanContext().getTraceId(), MDC.get(Tracing.MDC_TRACE_ID));
            assertEquals(span.getSpanContext().getSpanId(), MDC.get(Tracing.MDC_SPAN_ID));
            assertEquals(Tracing.traceparent(), Tracing.traceparentFor("any thread"));
        }
        assertNull(MDC.get(Tracing.MDC_TRACE_ID));
        assertNull(MDC.get(Tracing.MDC_SPAN_ID));
        assertNull(Tracing.traceparent(), "no span, no traceparent");
    }

    @Test
    void inABatchAnEventJoinsTheTraceOfItsThread() {
        Span one = TRACING.start("process one", SpanKind.CONSUMER);
        Span two = TRACING.start("process two", SpanKind.CONSUMER);
        String[] seen = new String[3];
        Tracing.withParents(
                Map.of("t1", Context.root().with(one), "t2", Context.root().with(two)), () -> {
                    seen[0] = Tracing.traceparentFor("t1");
                    seen[1] = Tracing.traceparentFor("t2");
                    seen[2] = Tracing.traceparentFor("t3");
                });
        assertTrue(seen[0].contains(one.getSpanContext().getSpanId()));
        assertTrue(seen[1].contains(two.getSpanContext().getSpanId()));
        assertNull(seen[2], "a thread the batch does not handle: the current context (none)");
        assertNull(Tracing.traceparentFor("t1"), "only during the batch");
    }

    @Test
    void tracingOffMakesNoSpansButPassesAnIncomingContextOn() {
        Tracing off = new Tracing(config(false), eventing());
        String incoming = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Span span = off.startUnder(incoming, "process t", SpanKind.CONSUMER);
        assertTrue(!span.isRecording());
        RecordHeaders headers = new RecordHeaders();
        Tracing.writeTo(span, headers);
        assertEquals(incoming, Tracing.traceparent(headers));
    }

    @Test
    void theSamplerIsChosenByName() {
        assertEquals("AlwaysOffSampler", Tracing.sampler("always_off", 1).getDescription());
        assertTrue(Tracing.sampler("parentbased_traceidratio", 0.25)
                .getDescription()
                .contains("TraceIdRatioBased{0.250000}"));
        assertThrows(IllegalArgumentException.class, () -> Tracing.sampler("sometimes", 1));
    }

    private static TracingConfig config(boolean enabled) {
        return new TracingConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Optional<String> otlpEndpoint() {
                return Optional.empty();
            }

            @Override
            public String sampler() {
                return "parentbased_always_on";
            }

            @Override
            public double samplerRatio() {
                return 1.0;
            }
        };
    }

    private static EventingConfig eventing() {
        return new EventingConfig() {
            @Override
            public String serviceName() {
                return "test-service";
            }

            @Override
            public Relay relay() {
                return new Relay() {
                    @Override
                    public boolean enabled() {
                        return true;
                    }

                    @Override
                    public Duration pollInterval() {
                        return Duration.ofMillis(500);
                    }

                    @Override
                    public int batchSize() {
                        return 500;
                    }

                    @Override
                    public Duration sendTimeout() {
                        return Duration.ofSeconds(30);
                    }
                };
            }

            @Override
            public Consumer consumer() {
                return new Consumer() {
                    @Override
                    public int maxAttempts() {
                        return 3;
                    }

                    @Override
                    public Duration initialBackoff() {
                        return Duration.ofMillis(200);
                    }

                    @Override
                    public Duration maxBackoff() {
                        return Duration.ofSeconds(30);
                    }
                };
            }

            @Override
            public DeadLetterTopics deadLetters() {
                return java.util.List::of;
            }
        };
    }
}
