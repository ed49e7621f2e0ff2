package com.nia.crmsync.systemtest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in OpenTelemetry collector for the system-test stack: an OTLP/HTTP endpoint
 * ({@code POST /v1/traces}, {@code application/x-protobuf}, gzip or not) that keeps the spans the
 * services export, by service, trace id and name. Its protobuf reader knows only the fields it
 * keeps (OTLP's {@code ExportTraceServiceRequest} → resource spans → scope spans → span). One per
 * JVM, started with the shared stack, which points every service's exporter here.
 */
final class OtlpReceiver {

    /** At most this many spans are kept; the oldest go first (every system test exports spans). */
    private static final int KEPT = 500_000;
    private static OtlpReceiver shared;

    private final HttpServer server;
    private final ConcurrentLinkedQueue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    /** One exported span: the exporting service ({@code service.name}), its trace id (hex), its name. */
    record ReceivedSpan(String service, String traceId, String name) {
    }

    private OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "otlp-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The receiver of this JVM, started on first use. */
    static synchronized OtlpReceiver get() {
        if (shared == null) {
            shared = new OtlpReceiver();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0), "otlp-receiver-stop"));
        }
        return shared;
    }

    /** The base URL services export to ({@code OTEL_EXPORTER_OTLP_ENDPOINT} with {@code http/protobuf}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every span kept so far of one trace. */
    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            List<ReceivedSpan> received = parseExportRequest(body.readAllBytes());
            for (ReceivedSpan span : received) {
                spans.add(span);
                if (count.incrementAndGet() > KEPT) {
                    spans.poll();
                    count.decrementAndGet();
                }
            }
            // an empty ExportTraceServiceResponse: full success
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    /** The spans of an OTLP {@code ExportTraceServiceRequest} (protobuf). */
    static List<ReceivedSpan> parseExportRequest(byte[] request) {
        List<ReceivedSpan> out = new ArrayList<>();
        Reader export = new Reader(request);
        while (export.next()) {
            if (export.field == 1) {
                resourceSpans(export.bytes(), out);
            } else {
                export.skip();
            }
        }
        return out;
    }

    private static void resourceSpans(byte[] message, List<ReceivedSpan> out) {
        String service = "";
        List<byte[]> scopes = new ArrayList<>();
        Reader r = new Reader(message);
        while (r.next()) {
            if (r.field == 1) {
                service = serviceName(r.bytes());
            } else if (r.field == 2) {
                scopes.add(r.bytes());
            } else {
                r.skip();
            }
        }
        for (byte[] scope : scopes) {
            Reader s = new Reader(scope);
            while (s.next()) {
                if (s.field == 2) {
                    out.add(span(service, s.bytes()));
                } else {
                    s.skip();
                }
            }
        }
    }

    private static String serviceName(byte[] resource) {
        Reader r = new Reader(resource);
        while (r.next()) {
            if (r.field != 1) {
                r.skip();
                continue;
            }
            Reader kv = new Reader(r.bytes());
            String key = null;
            String value = null;
            while (kv.next()) {
                if (kv.field == 1) {
                    key = kv.string();
                } else if (kv.field == 2) {
                    Reader any = new Reader(kv.bytes());
                    while (any.next()) {
                        if (any.field == 1) {
                            value = any.string();
                        } else {
                            any.skip();
                        }
                    }
                } else {
                    kv.skip();
                }
            }
            if ("service.name".equals(key)) {
                return value;
            }
        }
        return "";
    }

    private static ReceivedSpan span(String service, byte[] span) {
        String traceId = "";
        String name = "";
        Reader r = new Reader(span);
        while (r.next()) {
            if (r.field == 1) {
                traceId = HexFormat.of().formatHex(r.bytes());
            } else if (r.field == 5) {
                name = r.string();
            } else {
                r.skip();
            }
        }
        return new ReceivedSpan(service, traceId, name);
    }

    /** Protobuf's wire format, as far as OTLP's traces need it. */
    private static final class Reader {

        private final ByteArrayInputStream in;
        int field;
        int wireType;

        Reader(byte[] bytes) {
            in = new ByteArrayInputStream(bytes);
        }

        boolean next() {
            if (in.available() == 0) {
                return false;
            }
            long tag = varint();
            field = (int) (tag >>> 3);
            wireType = (int) (tag & 7);
            return true;
        }

        byte[] bytes() {
            if (wireType != 2) {
                throw new IllegalStateException("field " + field + " is not length-delimited");
            }
            int length = (int) varint();
            byte[] bytes = new byte[length];
            if (in.readNBytes(bytes, 0, length) != length) {
                throw new IllegalStateException("truncated field " + field);
            }
            return bytes;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        void skip() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> in.skip(8);
                case 2 -> bytes();
                case 5 -> in.skip(4);
                default -> throw new IllegalStateException("wire type " + wireType + " of field " + field);
            }
        }

        private long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = in.read();
                if (b < 0) {
                    throw new IllegalStateException("truncated varint");
                }
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("varint too long");
        }
    }
}
