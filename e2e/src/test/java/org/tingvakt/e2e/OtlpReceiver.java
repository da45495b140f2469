package org.tingvakt.e2e;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP trace receiver in the test's process, as a collector is to the services: it accepts
 * {@code POST /v1/traces} with a protobuf {@code ExportTraceServiceRequest} and keeps the spans.
 */
final class OtlpReceiver implements AutoCloseable {
    /** A received span: the service that sent it, its name and kind, its ids (hex) and its parent's (empty for a root). */
    record ReceivedSpan(String service, String name, String kind, String traceId, String spanId, String parentSpanId) {}

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", receiver::handle);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the OTLP receiver", e);
        }
    }

    /** The URL the services export to ({@code TINGVAKT_TRACING_OTLP_ENDPOINT}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /**
     * What went wrong while receiving: a request that could not be decoded or stored. An exporter only logs a failed
     * export, so a test that waits for spans names these when none came.
     */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            try {
                receive(in.readAllBytes());
            } catch (InvalidProtocolBufferException e) {
                failures.add("not an ExportTraceServiceRequest: " + e);
                exchange.sendResponseHeaders(400, -1);
                return;
            } catch (RuntimeException | LinkageError e) {
                // Answered, not dropped: a dropped connection shows only as "unexpected end of stream" in the
                // exporter's log, far from the cause.
                failures.add(e.toString() + (e.getCause() == null ? "" : " caused by " + e.getCause()));
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            // An empty ExportTraceServiceResponse: everything accepted.
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private void receive(byte[] body) throws InvalidProtocolBufferException {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
        HexFormat hex = HexFormat.of();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String service = serviceName(rs.getResource());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
                    spans.add(new ReceivedSpan(
                            service,
                            s.getName(),
                            s.getKind().name(),
                            hex.formatHex(s.getTraceId().toByteArray()),
                            hex.formatHex(s.getSpanId().toByteArray()),
                            hex.formatHex(s.getParentSpanId().toByteArray())));
                }
            }
        }
    }

    private static String serviceName(Resource resource) {
        for (KeyValue kv : resource.getAttributesList()) {
            if (kv.getKey().equals("service.name")) {
                return kv.getValue().getStringValue();
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
