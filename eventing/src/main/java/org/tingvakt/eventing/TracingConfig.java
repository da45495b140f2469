package org.tingvakt.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Tracing (docs/operations.md, "Traces"): spans are made and carried in every run, exported only where configured. */
@ConfigMapping(prefix = "tingvakt.tracing")
public interface TracingConfig {

    /** Off: no spans are made; an incoming trace context is still passed on unchanged. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Where spans go, OTLP over HTTP with protobuf ({@code http://collector:4318/v1/traces}). Unset (the default, and the
     * local run's): spans are made for the logs' trace ids and the Kafka headers, and exported nowhere.
     */
    Optional<String> otlpEndpoint();

    /**
     * Which traces are kept, as the OpenTelemetry SDK names its samplers: {@code parentbased_always_on} (default),
     * {@code parentbased_always_off}, {@code parentbased_traceidratio}, {@code always_on}, {@code always_off},
     * {@code traceidratio}.
     */
    @WithDefault("parentbased_always_on")
    String sampler();

    /** The ratio for the {@code traceidratio} samplers, 0 to 1. */
    @WithDefault("1.0")
    double samplerRatio();
}
