package io.jenkins.plugins.cloudflarepurge.engine.execution;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * How a purge may use Cloudflare's API: request sizes, rates, concurrency, retries and the deadline. Start from
 * {@link #forPlan(CloudflarePlan)} and change what an administrator configured through {@link #toBuilder()}:
 *
 * <pre>PurgeLimits.forPlan(CloudflarePlan.PRO).toBuilder().urlsPerSecond(700).maxInFlight(4).build()</pre>
 */
public final class PurgeLimits {

    /** What many accounts still accept, whatever the docs say: the executor steps down to it before halving. */
    public static final int DEFAULT_URLS_PER_REQUEST = 30;

    public static final int MAX_URLS_PER_REQUEST = 500;
    public static final int MAX_VALUES_PER_REQUEST = 100;
    /**
     * The fewest requests in flight by default: 8 requests of 30 URLs at 100 ms round trip reach 2,400 URLs/s,
     * above the Free rate. Faster plans get more ({@link #forPlan}).
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 8;

    /** The round trip that the default requests in flight cover at the plan's rate, in requests of 30. */
    private static final double COVERED_ROUND_TRIP_SECONDS = 0.2;

    public static final int MAX_IN_FLIGHT = 64;
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final int GENERAL_API_REQUESTS_PER_FIVE_MINUTES = 1200;

    private final int urlsPerRequest;
    private final int valuesPerRequest;
    private final int urlsPerSecond;
    private final int requestsPerPeriod;
    private final Duration period;
    private final int requestBurst;
    private final int apiRequestsPerFiveMinutes;
    private final int maxInFlight;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Duration deadline;

    private PurgeLimits(Builder b) {
        this.urlsPerRequest = requireRange("URLs per request", b.urlsPerRequest, 1, MAX_URLS_PER_REQUEST);
        this.valuesPerRequest =
                requireRange("tags, hosts or prefixes per request", b.valuesPerRequest, 1, MAX_VALUES_PER_REQUEST);
        this.urlsPerSecond = requireRange("URLs per second", b.urlsPerSecond, 1, 1_000_000);
        this.requestsPerPeriod = requireRange("requests per period", b.requestsPerPeriod, 1, 1_000_000);
        this.period = requirePositive("period", b.period);
        this.requestBurst = requireRange("request burst", b.requestBurst, 1, 1_000_000);
        this.apiRequestsPerFiveMinutes =
                requireRange("API requests per five minutes", b.apiRequestsPerFiveMinutes, 1, 1_000_000);
        this.maxInFlight = requireRange("requests in flight", b.maxInFlight, 1, MAX_IN_FLIGHT);
        this.maxAttempts = requireRange("attempts per request", b.maxAttempts, 1, 100);
        this.backoffBase = requirePositive("backoff base", b.backoffBase);
        this.backoffMax = requirePositive("backoff maximum", b.backoffMax);
        this.deadline = requirePositive("deadline", b.deadline);
    }

    /**
     * The defaults for a plan: its documented rates and URLs per request (100; 500 on Enterprise), from which the
     * executor steps down when an account refuses that many (see {@link RequestSizes}); 100 values per request.
     */
    public static PurgeLimits forPlan(CloudflarePlan plan) {
        Builder b = new Builder();
        b.urlsPerRequest = plan.documentedUrlsPerRequest();
        b.valuesPerRequest = MAX_VALUES_PER_REQUEST;
        b.urlsPerSecond = plan.urlsPerSecond();
        b.requestsPerPeriod = plan.requestsPerPeriod();
        b.period = plan.period();
        b.requestBurst = plan.requestBurst();
        b.apiRequestsPerFiveMinutes = GENERAL_API_REQUESTS_PER_FIVE_MINUTES;
        b.maxInFlight = defaultMaxInFlight(plan);
        b.maxAttempts = DEFAULT_MAX_ATTEMPTS;
        b.backoffBase = Duration.ofSeconds(1);
        b.backoffMax = Duration.ofSeconds(60);
        b.deadline = Duration.ofMinutes(15);
        return b.build();
    }

    /**
     * Enough requests in flight to reach the plan's URL rate in requests of 30 at a 200 ms round trip, at least
     * {@link #DEFAULT_MAX_IN_FLIGHT}: 8 on Free, 10 on Pro and Business, 20 on Enterprise. Fewer would make the
     * round trip, not Cloudflare, the limit (Enterprise at 30 URLs per request needs 100 requests a second).
     */
    static int defaultMaxInFlight(CloudflarePlan plan) {
        int needed = (int) Math.ceil(plan.urlsPerSecond() * COVERED_ROUND_TRIP_SECONDS / DEFAULT_URLS_PER_REQUEST);
        return Math.max(DEFAULT_MAX_IN_FLIGHT, Math.min(MAX_IN_FLIGHT, needed));
    }

    /** A builder holding these limits, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.urlsPerRequest = urlsPerRequest;
        b.valuesPerRequest = valuesPerRequest;
        b.urlsPerSecond = urlsPerSecond;
        b.requestsPerPeriod = requestsPerPeriod;
        b.period = period;
        b.requestBurst = requestBurst;
        b.apiRequestsPerFiveMinutes = apiRequestsPerFiveMinutes;
        b.maxInFlight = maxInFlight;
        b.maxAttempts = maxAttempts;
        b.backoffBase = backoffBase;
        b.backoffMax = backoffMax;
        b.deadline = deadline;
        return b;
    }

    /** URLs in one request to start with; the executor steps down on a "too many files" refusal. At most 500. */
    public int urlsPerRequest() {
        return urlsPerRequest;
    }

    /** Tags, hosts or prefixes in one request; at most 100. */
    public int valuesPerRequest() {
        return valuesPerRequest;
    }

    /** The URL purge rate to keep to. */
    public int urlsPerSecond() {
        return urlsPerSecond;
    }

    /** Tag, host, prefix and purge-everything requests per {@link #period()}. */
    public int requestsPerPeriod() {
        return requestsPerPeriod;
    }

    public Duration period() {
        return period;
    }

    /** How many tag, host, prefix and purge-everything requests may go at once. */
    public int requestBurst() {
        return requestBurst;
    }

    /** Cloudflare's general API limit, which every request counts against. */
    public int apiRequestsPerFiveMinutes() {
        return apiRequestsPerFiveMinutes;
    }

    /** Requests awaiting an answer at once, so that round-trip time does not cap throughput. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Attempts per request, the first included, for retryable failures. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The first backoff wait when Cloudflare gives none. */
    public Duration backoffBase() {
        return backoffBase;
    }

    /** The longest backoff wait. */
    public Duration backoffMax() {
        return backoffMax;
    }

    /** The longest a whole purge may take, retries and waits included. */
    public Duration deadline() {
        return deadline;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PurgeLimits other
                && urlsPerRequest == other.urlsPerRequest
                && valuesPerRequest == other.valuesPerRequest
                && urlsPerSecond == other.urlsPerSecond
                && requestsPerPeriod == other.requestsPerPeriod
                && period.equals(other.period)
                && requestBurst == other.requestBurst
                && apiRequestsPerFiveMinutes == other.apiRequestsPerFiveMinutes
                && maxInFlight == other.maxInFlight
                && maxAttempts == other.maxAttempts
                && backoffBase.equals(other.backoffBase)
                && backoffMax.equals(other.backoffMax)
                && deadline.equals(other.deadline);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                urlsPerRequest,
                valuesPerRequest,
                urlsPerSecond,
                requestsPerPeriod,
                period,
                requestBurst,
                apiRequestsPerFiveMinutes,
                maxInFlight,
                maxAttempts,
                backoffBase,
                backoffMax,
                deadline);
    }

    @Override
    public String toString() {
        return "PurgeLimits[" + urlsPerRequest + " URLs or " + valuesPerRequest + " values per request, "
                + urlsPerSecond + " URLs/s, " + requestsPerPeriod + " requests per " + period + " (burst "
                + requestBurst + "), " + apiRequestsPerFiveMinutes + " API requests per 5 min, " + maxInFlight
                + " in flight, " + maxAttempts + " attempts, backoff " + backoffBase + ".." + backoffMax
                + ", deadline " + deadline + "]";
    }

    /** Changes some limits; {@link #build()} checks every value and names the first out of range. */
    public static final class Builder {
        private int urlsPerRequest;
        private int valuesPerRequest;
        private int urlsPerSecond;
        private int requestsPerPeriod;
        private int requestBurst;
        private int apiRequestsPerFiveMinutes;
        private int maxInFlight;
        private int maxAttempts;
        // Unset until a setter or forPlan gives them; build() refuses them unset.
        @CheckForNull
        private Duration period;

        @CheckForNull
        private Duration backoffBase;

        @CheckForNull
        private Duration backoffMax;

        @CheckForNull
        private Duration deadline;

        private Builder() {}

        public Builder urlsPerRequest(int value) {
            this.urlsPerRequest = value;
            return this;
        }

        public Builder valuesPerRequest(int value) {
            this.valuesPerRequest = value;
            return this;
        }

        public Builder urlsPerSecond(int value) {
            this.urlsPerSecond = value;
            return this;
        }

        /** Tag, host, prefix and purge-everything requests: so many per period, so many at once. */
        public Builder requestRate(int perPeriod, Duration newPeriod, int burst) {
            this.requestsPerPeriod = perPeriod;
            this.period = newPeriod;
            this.requestBurst = burst;
            return this;
        }

        public Builder apiRequestsPerFiveMinutes(int value) {
            this.apiRequestsPerFiveMinutes = value;
            return this;
        }

        public Builder maxInFlight(int value) {
            this.maxInFlight = value;
            return this;
        }

        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        public Builder backoff(Duration base, Duration max) {
            this.backoffBase = base;
            this.backoffMax = max;
            return this;
        }

        public Builder deadline(Duration value) {
            this.deadline = value;
            return this;
        }

        /**
         * @throws InvalidInputException naming the first value out of range
         */
        public PurgeLimits build() {
            return new PurgeLimits(this);
        }
    }

    private static int requireRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInputException(
                    field, "The " + field + " must be between " + min + " and " + max + ", not " + value + ".");
        }
        return value;
    }

    private static Duration requirePositive(String field, @CheckForNull Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidInputException(field, "The " + field + " must be a positive duration, not " + value + ".");
        }
        return value;
    }
}
