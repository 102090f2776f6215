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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the controller talks to Cloudflare, set by an administrator only (Manage Jenkins): the API base URL, the
 * account's plan (or none, to read it from the zone) and the limits an administrator fixed, and timeouts. No job
 * can change these; in particular no job can send a stored token to another host. Built with {@link #builder()}.
 */
public final class ApiSettings {

    public static final CloudflarePlan DEFAULT_PLAN = CloudflarePlan.FREE;
    public static final int MAX_TIMEOUT_SECONDS = 600;

    static final String BASE_URL = "API base URL";
    static final String PLAN = "Cloudflare plan";
    static final String URLS_PER_REQUEST = "URLs per request";
    static final String URLS_PER_SECOND = "URLs per second";
    static final String MAX_IN_FLIGHT = "Requests in flight";
    static final String CONNECT_TIMEOUT = "Connect timeout";
    static final String REQUEST_TIMEOUT = "Request timeout";

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final URI baseUrl;

    @CheckForNull
    private final CloudflarePlan plan;

    private final int urlsPerRequest;
    private final int urlsPerSecond;
    private final int maxInFlight;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    private ApiSettings(Builder b) {
        this.baseUrl = parseBaseUrl(b.baseUrl);
        this.plan = b.plan == null || b.plan.isBlank() ? null : parsePlan(b.plan);
        this.urlsPerRequest = checked(URLS_PER_REQUEST, b.urlsPerRequest, ApiSettings::checkUrlsPerRequest);
        this.urlsPerSecond = checked(URLS_PER_SECOND, b.urlsPerSecond, ApiSettings::checkUrlsPerSecond);
        this.maxInFlight = checked(MAX_IN_FLIGHT, b.maxInFlight, ApiSettings::checkMaxInFlight);
        this.connectTimeout =
                timeout(CONNECT_TIMEOUT, b.connectTimeoutSeconds, CloudflareClient.DEFAULT_CONNECT_TIMEOUT);
        this.requestTimeout =
                timeout(REQUEST_TIMEOUT, b.requestTimeoutSeconds, CloudflareClient.DEFAULT_REQUEST_TIMEOUT);
    }

    /** The defaults: Cloudflare's API, no plan configured (read from the zone), the client's timeouts. */
    public static ApiSettings defaults() {
        return builder().build();
    }

    /** Settings from the global configuration's values; for each, null, blank or 0 means "the default". */
    public static Builder builder() {
        return new Builder();
    }

    /** The API's base, {@link CloudflareClient#DEFAULT_BASE_URL} unless changed for a proxy or a test. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The plan an administrator chose; empty when the plan is to be read from the zone. */
    public Optional<CloudflarePlan> configuredPlan() {
        return Optional.ofNullable(plan);
    }

    /** The limits of the configured plan (the default plan when none is), with the administrator's values. */
    public PurgeLimits limits() {
        return limitsFor(configuredPlan().orElse(DEFAULT_PLAN));
    }

    /** The limits of {@code zonePlan} with what an administrator set explicitly, which always wins. */
    public PurgeLimits limitsFor(CloudflarePlan zonePlan) {
        PurgeLimits.Builder limits = PurgeLimits.forPlan(zonePlan).toBuilder();
        if (urlsPerRequest != 0) {
            limits.urlsPerRequest(urlsPerRequest);
        }
        if (urlsPerSecond != 0) {
            limits.urlsPerSecond(urlsPerSecond);
        }
        if (maxInFlight != 0) {
            limits.maxInFlight(maxInFlight);
        }
        return limits.build();
    }

    /** How long to wait for a connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long one request may take. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The global configuration's values; null, blank or 0 for the default. {@link #build()} checks them all. */
    public static final class Builder {
        @CheckForNull
        private String baseUrl;

        @CheckForNull
        private String plan;

        private int urlsPerRequest;
        private int urlsPerSecond;
        private int maxInFlight;
        private int connectTimeoutSeconds;
        private int requestTimeoutSeconds;

        private Builder() {}

        public Builder baseUrl(@CheckForNull String value) {
            this.baseUrl = value;
            return this;
        }

        /** {@code FREE}, {@code Pro} and so on in any case; blank to read the plan from the zone. */
        public Builder plan(@CheckForNull String value) {
            this.plan = value;
            return this;
        }

        public Builder urlsPerRequest(@CheckForNull Integer value) {
            this.urlsPerRequest = orZero(value);
            return this;
        }

        public Builder urlsPerSecond(@CheckForNull Integer value) {
            this.urlsPerSecond = orZero(value);
            return this;
        }

        public Builder maxInFlight(@CheckForNull Integer value) {
            this.maxInFlight = orZero(value);
            return this;
        }

        public Builder connectTimeoutSeconds(@CheckForNull Integer value) {
            this.connectTimeoutSeconds = orZero(value);
            return this;
        }

        public Builder requestTimeoutSeconds(@CheckForNull Integer value) {
            this.requestTimeoutSeconds = orZero(value);
            return this;
        }

        /**
         * @throws InvalidInputException for the first value out of range, naming it
         */
        public ApiSettings build() {
            return new ApiSettings(this);
        }

        private static int orZero(@CheckForNull Integer value) {
            return value == null ? 0 : value;
        }
    }

    private interface RangeCheck {
        Optional<String> check(int value);
    }

    private static int checked(String field, int value, RangeCheck check) {
        if (value != 0) {
            check(field, check.check(value));
        }
        return value;
    }

    private static Duration timeout(String field, int seconds, Duration defaultValue) {
        if (seconds == 0) {
            return defaultValue;
        }
        check(field, checkTimeout(field, seconds));
        return Duration.ofSeconds(seconds);
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
            return Optional.of(BASE_URL + " '" + text
                    + "' uses http://, which would send the API token unencrypted: use https:// (http:// is"
                    + " accepted for localhost only, for tests)");
        }
        return Optional.empty();
    }

    /** {@code localhost}, {@code [::1]} or an IPv4 literal in 127.0.0.0/8; not a name that merely starts with 127. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("[::1]")) {
            return true;
        }
        Matcher m = IPV4_LOOPBACK.matcher(h);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 3; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }

    public static Optional<String> checkUrlsPerRequest(int value) {
        return range(
                URLS_PER_REQUEST,
                value,
                1,
                PurgeLimits.MAX_URLS_PER_REQUEST,
                " Cloudflare documents 100 (Enterprise: 500), but many accounts still get 30; on a \"too many\" answer"
                        + " the plugin halves it by itself.");
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
