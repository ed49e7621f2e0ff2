package com.nia.crmsync.simulator.odata;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to an {@link ODataRequest}: status, headers and body bytes.
 *
 * @param columns the top-level property names the answered write carried, for the request log only (never
 *     sent); null for anything but a write
 */
public record ODataResponse(int status, Map<String, String> headers, byte[] body, List<String> columns) {

    public static final String JSON = "application/json; odata.metadata=minimal; odata.streaming=true";

    public static ODataResponse json(int status, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        headers.put("OData-Version", "4.0");
        return new ODataResponse(status, headers, body, null);
    }

    public static ODataResponse text(int status, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new ODataResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), null);
    }

    public static ODataResponse empty(int status) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("OData-Version", "4.0");
        return new ODataResponse(status, headers, new byte[0], null);
    }

    public static ODataResponse error(ODataException error) {
        return json(error.status(), EntityJson.error(error));
    }

    public ODataResponse with(String header, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(header, value);
        return new ODataResponse(status, copy, body, columns);
    }

    public ODataResponse withColumns(List<String> written) {
        return new ODataResponse(status, headers, body, written);
    }

    public boolean failed() {
        return status >= 400;
    }
}
