package io.jenkins.plugins.cloudflarepurge.engine;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One thing to purge: a URL, tag, host or prefix. A URL may carry cache-key headers (for instance
 * {@code CF-Device-Type: mobile}); Cloudflare then needs the object form {@code {"url": …, "headers": …}}.
 *
 * @param value the URL, tag, host or prefix, as Cloudflare must receive it
 * @param headers cache-key headers, empty for the plain form; sorted so that equal items compare equal
 */
public record PurgeItem(String value, Map<String, String> headers) {

    public PurgeItem {
        Objects.requireNonNull(value, "value");
        headers = headers == null || headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
    }

    /** An item without headers. */
    public static PurgeItem of(String value) {
        return new PurgeItem(value, Map.of());
    }

    public boolean hasHeaders() {
        return !headers.isEmpty();
    }

    @Override
    public String toString() {
        return headers.isEmpty() ? value : value + " " + headers;
    }
}
