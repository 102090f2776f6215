package io.jenkins.plugins.cloudflarepurge.engine.planning;

import java.util.Optional;

/**
 * Where the published files are served: scheme, host, optional port and optional base path, for instance
 * {@code https://www.example.org} or {@code https://cdn.example.org/site}. A published path is appended to it to
 * make a URL. A trailing slash is ignored, so {@code https://cdn.example.org/site/} is the same prefix.
 */
public final class UrlPrefix {

    static final String FIELD = "URL prefix";

    /** Cloudflare accepts at most 31 path separators in a prefix purge. */
    static final int MAX_PREFIX_SEPARATORS = 31;

    private final HttpUrl url;
    private final String origin;
    private final String basePath;

    private UrlPrefix(HttpUrl url, String basePath) {
        this.url = url;
        this.origin = url.origin();
        this.basePath = basePath;
    }

    /**
     * @throws InvalidSettingException naming the prefix and saying how to fix it
     */
    public static UrlPrefix parse(String raw) {
        HttpUrl url = HttpUrl.parse(FIELD, raw);
        String quoted = FIELD + " '" + raw.trim() + "'";
        if (url.query() != null) {
            throw new InvalidSettingException(
                    FIELD,
                    raw,
                    quoted + " has a query string: a prefix is scheme, host, optional port and base path, as in "
                            + url.origin() + url.path());
        }
        String path = url.path();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        for (String segment : path.isEmpty() ? new String[0] : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidSettingException(
                        FIELD,
                        raw,
                        quoted
                                + " has an empty, '.' or '..' segment in its base path: write the path a browser shows, as in "
                                + url.origin() + "/site");
            }
        }
        return new UrlPrefix(url, path);
    }

    /** @return the problem with this prefix, or empty when it is fine; for form validation */
    public static Optional<String> check(String raw) {
        try {
            parse(raw);
            return Optional.empty();
        } catch (InvalidSettingException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The URL of a path below this prefix.
     *
     * @param sitePath percent-encoded, starting with {@code /}; the empty string means the prefix itself without a
     *     trailing slash
     * @return the URL, or empty when it would only repeat another one: the bare origin, which a browser always
     *     requests as {@code /}
     */
    Optional<String> url(String sitePath) {
        if (sitePath.isEmpty() && basePath.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(origin + basePath + sitePath);
    }

    /** The lower-case host, for a hosts purge. */
    public String host() {
        return url.host();
    }

    /** The base path, empty or {@code /site} (percent-encoded, no trailing slash). */
    public String basePath() {
        return basePath;
    }

    /**
     * This prefix in Cloudflare's prefix-purge form, {@code cdn.example.org/site}: no scheme, no port. Empty when it
     * has no base path (a prefix purge of a bare host is a hosts purge) or too many separators for Cloudflare.
     */
    Optional<String> prefixPurgeForm() {
        return prefixPurgeForm(url.host(), basePath);
    }

    static Optional<String> prefixPurgeForm(String host, String path) {
        if (path.isEmpty()
                || path.equals("/")
                || path.chars().filter(c -> c == '/').count() > MAX_PREFIX_SEPARATORS) {
            return Optional.empty();
        }
        return Optional.of(host + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UrlPrefix other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** The normalised prefix, {@code https://cdn.example.org/site}. */
    @Override
    public String toString() {
        return origin + basePath;
    }
}
