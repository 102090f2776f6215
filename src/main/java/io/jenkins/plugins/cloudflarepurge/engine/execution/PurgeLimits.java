package io.jenkins.plugins.cloudflarepurge.engine.execution;

import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import java.time.Duration;

/**
 * How a purge may use Cloudflare's API: request sizes, rates, concurrency, retries and the deadline.
 * Start from {@link #forPlan(CloudflarePlan)} and change what an administrator configured.
 *
 * @param urlsPerRequest URLs in one request; 30 by default (see the fact sheet), at most 500
 * @param valuesPerRequest tags, hosts or prefixes in one request; at most 100
 * @param urlsPerSecond the URL purge rate to keep to
 * @param requestsPerPeriod tag, host, prefix and purge-everything requests per {@code period}
 * @param period the period of {@code requestsPerPeriod}
 * @param requestBurst how many such requests may go at once
 * @param apiRequestsPerFiveMinutes Cloudflare's general API limit, which every request counts against
 * @param maxInFlight requests awaiting an answer at once, so that round-trip time does not cap throughput
 * @param maxAttempts attempts per request, the first included, for retryable failures
 * @param backoffBase the first backoff wait when Cloudflare gives none
 * @param backoffMax the longest backoff wait
 * @param deadline the longest a whole purge may take, retries and waits included
 */
public record PurgeLimits(
        int urlsPerRequest,
        int valuesPerRequest,
        int urlsPerSecond,
        int requestsPerPeriod,
        Duration period,
        int requestBurst,
        int apiRequestsPerFiveMinutes,
        int maxInFlight,
        int maxAttempts,
        Duration backoffBase,
        Duration backoffMax,
        Duration deadline) {

    public static final int DEFAULT_URLS_PER_REQUEST = 30;
    public static final int MAX_URLS_PER_REQUEST = 500;
    public static final int MAX_VALUES_PER_REQUEST = 100;
    /** 8 requests of 30 URLs in flight at 100 ms round trip reach 2,400 URLs/s, above the Free and Pro rates. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 8;

    public static final int MAX_IN_FLIGHT = 64;
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final int GENERAL_API_REQUESTS_PER_FIVE_MINUTES = 1200;

    public PurgeLimits {
        requireRange("URLs per request", urlsPerRequest, 1, MAX_URLS_PER_REQUEST);
        requireRange("tags, hosts or prefixes per request", valuesPerRequest, 1, MAX_VALUES_PER_REQUEST);
        requireRange("URLs per second", urlsPerSecond, 1, 1_000_000);
        requireRange("requests per period", requestsPerPeriod, 1, 1_000_000);
        requireRange("request burst", requestBurst, 1, 1_000_000);
        requireRange("API requests per five minutes", apiRequestsPerFiveMinutes, 1, 1_000_000);
        requireRange("requests in flight", maxInFlight, 1, MAX_IN_FLIGHT);
        requireRange("attempts per request", maxAttempts, 1, 100);
        requirePositive("period", period);
        requirePositive("backoff base", backoffBase);
        requirePositive("backoff maximum", backoffMax);
        requirePositive("deadline", deadline);
    }

    /** The defaults for a plan: its documented rates, 30 URLs per request, 100 values per request. */
    public static PurgeLimits forPlan(CloudflarePlan plan) {
        return new PurgeLimits(
                DEFAULT_URLS_PER_REQUEST,
                MAX_VALUES_PER_REQUEST,
                plan.urlsPerSecond(),
                plan.requestsPerPeriod(),
                plan.period(),
                plan.requestBurst(),
                GENERAL_API_REQUESTS_PER_FIVE_MINUTES,
                DEFAULT_MAX_IN_FLIGHT,
                DEFAULT_MAX_ATTEMPTS,
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ofMinutes(15));
    }

    public PurgeLimits withUrlsPerRequest(int value) {
        return new PurgeLimits(
                value,
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

    public PurgeLimits withUrlsPerSecond(int value) {
        return new PurgeLimits(
                urlsPerRequest,
                valuesPerRequest,
                value,
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

    public PurgeLimits withMaxInFlight(int value) {
        return new PurgeLimits(
                urlsPerRequest,
                valuesPerRequest,
                urlsPerSecond,
                requestsPerPeriod,
                period,
                requestBurst,
                apiRequestsPerFiveMinutes,
                value,
                maxAttempts,
                backoffBase,
                backoffMax,
                deadline);
    }

    public PurgeLimits withMaxAttempts(int value) {
        return new PurgeLimits(
                urlsPerRequest,
                valuesPerRequest,
                urlsPerSecond,
                requestsPerPeriod,
                period,
                requestBurst,
                apiRequestsPerFiveMinutes,
                maxInFlight,
                value,
                backoffBase,
                backoffMax,
                deadline);
    }

    public PurgeLimits withDeadline(Duration value) {
        return new PurgeLimits(
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
                value);
    }

    public PurgeLimits withBackoff(Duration base, Duration max) {
        return new PurgeLimits(
                urlsPerRequest,
                valuesPerRequest,
                urlsPerSecond,
                requestsPerPeriod,
                period,
                requestBurst,
                apiRequestsPerFiveMinutes,
                maxInFlight,
                maxAttempts,
                base,
                max,
                deadline);
    }

    public PurgeLimits withRequestRate(int perPeriod, Duration newPeriod, int burst) {
        return new PurgeLimits(
                urlsPerRequest,
                valuesPerRequest,
                urlsPerSecond,
                perPeriod,
                newPeriod,
                burst,
                apiRequestsPerFiveMinutes,
                maxInFlight,
                maxAttempts,
                backoffBase,
                backoffMax,
                deadline);
    }

    public PurgeLimits withApiRequestsPerFiveMinutes(int value) {
        return new PurgeLimits(
                urlsPerRequest,
                valuesPerRequest,
                urlsPerSecond,
                requestsPerPeriod,
                period,
                requestBurst,
                value,
                maxInFlight,
                maxAttempts,
                backoffBase,
                backoffMax,
                deadline);
    }

    private static void requireRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidInputException(
                    field, "The " + field + " must be between " + min + " and " + max + ", not " + value + ".");
        }
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidInputException(field, "The " + field + " must be a positive duration, not " + value + ".");
        }
    }
}
