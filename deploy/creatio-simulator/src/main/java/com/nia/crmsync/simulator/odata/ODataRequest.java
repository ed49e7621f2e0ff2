package com.nia.crmsync.simulator.odata;

import java.util.Locale;
import java.util.Map;

/**
 * One OData request, top-level or a {@code $batch} sub-request, independent of JAX-RS.
 *
 * @param method HTTP method, upper case
 * @param path the path below the service root without leading slash ({@code Lead(<id>)}, {@code $metadata})
 * @param query decoded query options (first value of each)
 * @param rawQuery the query string as sent, for the request log
 * @param headers request headers with lower-case names
 * @param body the request body, may be empty
 * @param serviceRoot the absolute service root URL, for {@code @odata.context} and {@code Location}
 */
public record ODataRequest(String method, String path, Map<String, String> query, String rawQuery,
        Map<String, String> headers, byte[] body, String serviceRoot) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the response should carry decimals as JSON strings: the client asked for
     * {@code IEEE754Compatible=true} in {@code Accept} (in {@code Content-Type} it only describes the request body).
     */
    public boolean ieee754Compatible() {
        String accept = header("accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("ieee754compatible=true");
    }
}
