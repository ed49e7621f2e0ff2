package com.nia.crmsync.simulator.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.nia.crmsync.simulator.odata.ODataException;
import com.nia.crmsync.simulator.odata.ODataResponse;

/**
 * The OData 4.0 {@code multipart/mixed} form of {@code $batch} (creatio-api.md §5): parsing
 * {@code application/http} parts and change sets, and writing the multipart answer. Change sets
 * run as atomicity groups; a failed change set is answered by its single failing response.
 */
final class MultipartBatch {

    /** One request of a multipart batch; {@code changeSet} is the change set's boundary, or null. */
    record Request(String id, String method, String url, Map<String, String> headers, String body,
            String changeSet) {
    }

    /** The answer of one batch unit: a single request, or a change set. */
    record Part(List<String> ids, List<ODataResponse> responses, boolean changeSet, boolean failed) {
    }

    private MultipartBatch() {
    }

    static String boundary(String contentType) {
        for (String parameter : contentType.split(";")) {
            String trimmed = parameter.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = trimmed.substring("boundary=".length());
                return value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        throw ODataException.badRequest("A multipart $batch needs a boundary parameter in its Content-Type.");
    }

    static List<Request> parse(byte[] body, String boundary) {
        List<Request> requests = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n");
        for (String part : split(text, boundary)) {
            String[] headAndBody = headAndBody(part);
            Map<String, String> partHeaders = headers(headAndBody[0]);
            String type = partHeaders.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
            if (type.startsWith("multipart/mixed")) {
                String changeSet = boundary(partHeaders.get("content-type"));
                for (String inner : split(headAndBody[1], changeSet)) {
                    String[] innerParts = headAndBody(inner);
                    requests.add(request(headers(innerParts[0]), innerParts[1], changeSet, requests.size() + 1));
                }
            } else {
                requests.add(request(partHeaders, headAndBody[1], null, requests.size() + 1));
            }
        }
        return requests;
    }

    static ODataResponse render(List<Part> parts) {
        String boundary = "batchresponse_" + UUID.randomUUID();
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append("--").append(boundary).append("\r\n");
            if (part.changeSet() && !part.failed()) {
                String changeSet = "changesetresponse_" + UUID.randomUUID();
                out.append("Content-Type: multipart/mixed; boundary=").append(changeSet).append("\r\n\r\n");
                for (int i = 0; i < part.responses().size(); i++) {
                    out.append("--").append(changeSet).append("\r\n");
                    http(out, part.responses().get(i), part.ids().get(i));
                }
                out.append("--").append(changeSet).append("--\r\n");
            } else {
                ODataResponse response = part.responses().get(part.responses().size() - 1);
                http(out, response, part.changeSet() ? null : part.ids().get(0));
            }
        }
        out.append("--").append(boundary).append("--\r\n");
        return ODataResponse.text(200, "multipart/mixed; boundary=" + boundary, out.toString())
                .with("OData-Version", "4.0");
    }

    private static void http(StringBuilder out, ODataResponse response, String contentId) {
        out.append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (contentId != null) {
            out.append("Content-ID: ").append(contentId).append("\r\n");
        }
        out.append("\r\nHTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status()))
                .append("\r\n");
        response.headers().forEach((name, value) -> out.append(name).append(": ").append(value).append("\r\n"));
        out.append("\r\n").append(new String(response.body(), StandardCharsets.UTF_8)).append("\r\n");
    }

    private static Request request(Map<String, String> partHeaders, String http, String changeSet, int index) {
        String[] headAndBody = headAndBody(http.stripLeading());
        String[] lines = headAndBody[0].split("\n");
        String[] requestLine = lines[0].trim().split(" ");
        if (requestLine.length < 2) {
            throw ODataException.badRequest("Bad request line in batch part " + index + ": '" + lines[0] + "'.");
        }
        Map<String, String> headers = headers(String.join("\n", Arrays.copyOfRange(lines, 1, lines.length)));
        String id = partHeaders.getOrDefault("content-id", Integer.toString(index));
        return new Request(id, requestLine[0].toUpperCase(Locale.ROOT), requestLine[1], headers,
                headAndBody[1].trim(), changeSet);
    }

    /** The parts between {@code --boundary} delimiters, without the closing {@code --boundary--}. */
    private static List<String> split(String text, String boundary) {
        List<String> parts = new ArrayList<>();
        String delimiter = "--" + boundary;
        int start = text.indexOf(delimiter);
        while (start >= 0) {
            int contentStart = start + delimiter.length();
            if (text.startsWith("--", contentStart)) {
                break;
            }
            int next = text.indexOf("\n" + delimiter, contentStart);
            String part = next < 0 ? text.substring(contentStart) : text.substring(contentStart, next);
            parts.add(part.startsWith("\n") ? part.substring(1) : part);
            start = next < 0 ? -1 : next + 1;
        }
        return parts;
    }

    private static String[] headAndBody(String part) {
        int blank = part.indexOf("\n\n");
        return blank < 0 ? new String[] {part, ""} : new String[] {part.substring(0, blank), part.substring(blank + 2)};
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : block.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 201:
                return "Created";
            case 204:
                return "No Content";
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 404:
                return "Not Found";
            case 424:
                return "Failed Dependency";
            case 429:
                return "Too Many Requests";
            case 503:
                return "Service Unavailable";
            default:
                return status >= 500 ? "Internal Server Error" : "Error";
        }
    }
}
