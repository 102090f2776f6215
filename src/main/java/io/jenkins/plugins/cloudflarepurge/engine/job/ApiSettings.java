package io.jenkins.plugins.cloudflarepurge.engine.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.execution.CloudflarePlan;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How the controller talks to Cloudflare, set by an administrator only (Manage Jenkins): the API base URL, the
 * account's plan and the limits it implies, and timeouts. No job can change these; in particular no job can send
 * a stored token to another host.
 *
 * @param baseUrl the API's base, {@link CloudflareClient#DEFAULT_BASE_URL} unless changed for a proxy or a test
 * @param limits request sizes, rates and concurrency
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long one request may take
 */
public record ApiSettings(URI baseUrl, PurgeLimits limits, Duration connectTimeout, Duration requestTimeout) {

    public static final CloudflarePlan DEFAULT_PLAN = CloudflarePlan.FREE;
    public static final int MAX_TIMEOUT_SECONDS = 600;

    static final String BASE_URL = "API base URL";
    static final String PLAN = "Cloudflare plan";
    static final String URLS_PER_REQUEST = "URLs per request";
    static final String URLS_PER_SECOND = "URLs per second";
    static final String MAX_IN_FLIGHT = "Requests in flight";
    static final String CONNECT_TIMEOUT = "Connect timeout";
    static final String REQUEST_TIMEOUT = "Request timeout";

    /** The defaults: Cloudflare's API, the Free plan's limits (the most careful), the client's timeouts. */
    public static ApiSettings defaults() {
        return resolve(null, null, 0, 0, 0, 0, 0);
    }

    /**
     * The settings from the global configuration's values; 0 or blank means "the default".
     *
     * @throws InvalidInputException for the first value out of range, naming it
     */
    public static ApiSettings resolve(
            @CheckForNull String baseUrl,
            @CheckForNull String plan,
            int urlsPerRequest,
            int urlsPerSecond,
            int maxInFlight,
            int connectTimeoutSeconds,
            int requestTimeoutSeconds) {
        URI base = parseBaseUrl(baseUrl);
        PurgeLimits limits = PurgeLimits.forPlan(parsePlan(plan));
        if (urlsPerRequest != 0) {
            check(URLS_PER_REQUEST, checkUrlsPerRequest(urlsPerRequest));
            limits = limits.withUrlsPerRequest(urlsPerRequest);
        }
        if (urlsPerSecond != 0) {
            check(URLS_PER_SECOND, checkUrlsPerSecond(urlsPerSecond));
            limits = limits.withUrlsPerSecond(urlsPerSecond);
        }
        if (maxInFlight != 0) {
            check(MAX_IN_FLIGHT, checkMaxInFlight(maxInFlight));
            limits = limits.withMaxInFlight(maxInFlight);
        }
        Duration connect = CloudflareClient.DEFAULT_CONNECT_TIMEOUT;
        if (connectTimeoutSeconds != 0) {
            check(CONNECT_TIMEOUT, checkTimeout(CONNECT_TIMEOUT, connectTimeoutSeconds));
            connect = Duration.ofSeconds(connectTimeoutSeconds);
        }
        Duration request = CloudflareClient.DEFAULT_REQUEST_TIMEOUT;
        if (requestTimeoutSeconds != 0) {
            check(REQUEST_TIMEOUT, checkTimeout(REQUEST_TIMEOUT, requestTimeoutSeconds));
            request = Duration.ofSeconds(requestTimeoutSeconds);
        }
        return new ApiSettings(base, limits, connect, request);
    }

    private static void check(String field, Optional<String> problem) {
        if (problem.isPresent()) {
            throw new InvalidInputException(field, problem.get());
        }
    }

    /** The plan named in any case ({@code FREE}, {@code Pro}); blank for the default. */
    public static CloudflarePlan parsePlan(@CheckForNull String plan) {
        String text = plan == null ? "" : plan.strip();
        if (text.isEmpty()) {
            return DEFAULT_PLAN;
        }
        for (CloudflarePlan p : CloudflarePlan.values()) {
            if (p.name().equalsIgnoreCase(text) || p.displayName().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new InvalidInputException(PLAN, PLAN + " '" + text + "' is not one of Free, Pro, Business, Enterprise");
    }

    /** The API base URL, checked: https, or http to this machine only (for tests); blank for Cloudflare's. */
    public static URI parseBaseUrl(@CheckForNull String baseUrl) {
        String text = baseUrl == null ? "" : baseUrl.strip();
        if (text.isEmpty()) {
            return CloudflareClient.DEFAULT_BASE_URL;
        }
        checkBaseUrl(text).ifPresent(problem -> {
            throw new InvalidInputException(BASE_URL, problem);
        });
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** The problem with an API base URL, if it has one. */
    public static Optional<String> checkBaseUrl(@CheckForNull String baseUrl) {
        String text = baseUrl == null ? "" : baseUrl.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of(BASE_URL + " '" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of(
                    BASE_URL + " '" + text + "' must be an https:// URL, such as " + CloudflareClient.DEFAULT_BASE_URL);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of(BASE_URL + " '" + text + "' must have no user name, query or fragment, as in "
                    + CloudflareClient.DEFAULT_BASE_URL);
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            return Optional.of(
                    BASE_URL + " '" + text
                            + "' uses http://, which would send the API token unencrypted: use https:// (http:// is accepted for localhost only, for tests)");
        }
        return Optional.empty();
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    public static Optional<String> checkUrlsPerRequest(int value) {
        return range(
                URLS_PER_REQUEST,
                value,
                1,
                PurgeLimits.MAX_URLS_PER_REQUEST,
                " Cloudflare documents 100 (Enterprise: 500), but many accounts still get 30; on a \"too many\" answer the plugin halves it by itself.");
    }

    public static Optional<String> checkUrlsPerSecond(int value) {
        return range(URLS_PER_SECOND, value, 1, 1_000_000, "");
    }

    public static Optional<String> checkMaxInFlight(int value) {
        return range(MAX_IN_FLIGHT, value, 1, PurgeLimits.MAX_IN_FLIGHT, "");
    }

    public static Optional<String> checkTimeout(String field, int seconds) {
        return range(field, seconds, 1, MAX_TIMEOUT_SECONDS, "");
    }

    private static Optional<String> range(String field, int value, int min, int max, String hint) {
        if (value >= min && value <= max) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "%s must be between %d and %d (or empty for the default), not %d.%s",
                field,
                min,
                max,
                value,
                hint));
    }
}
