package io.jenkins.plugins.cloudflarepurge.engine.execution;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Cloudflare account's purge allowance, in token buckets (Bucket4j): URLs per second for URL purges,
 * requests per period for tag, host, prefix and purge-everything requests, and the general API request limit
 * that every request counts against. Purges that run at the same time with the same token share one budget
 * ({@link #shared}), since Cloudflare meters per account. A 429 pauses the whole budget.
 */
public final class RateBudget {

    private static final Map<String, RateBudget> SHARED = new ConcurrentHashMap<>();

    /**
     * URLs are sent at 39/40 of the configured rate. Cloudflare meters a request when it arrives, and arrival times
     * jitter by a few milliseconds: paced at exactly the rate, about one request in forty arrived a few URLs short
     * of the allowance and cost a 429 with a one-second pause (measured: docs/benchmarks.md).
     */
    public static final double URL_RATE_SHARE = 39.0 / 40.0;

    private final PurgeClock clock;
    private final Bucket urls;
    private final long urlCapacity;
    private final Bucket typedRequests;
    private final Bucket apiRequests;
    private final AtomicLong pausedUntil;

    public RateBudget(PurgeLimits limits, PurgeClock clock) {
        this.clock = clock;
        TimeMeter meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.nanoTime();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.urlCapacity = limits.urlsPerSecond();
        this.urls = Bucket.builder()
                .addLimit(l -> l.capacity(limits.urlsPerSecond())
                        .refillGreedy(limits.urlsPerSecond() * 39L, Duration.ofSeconds(40)))
                .withCustomTimePrecision(meter)
                .build();
        this.typedRequests = Bucket.builder()
                .addLimit(l ->
                        l.capacity(limits.requestBurst()).refillGreedy(limits.requestsPerPeriod(), limits.period()))
                .withCustomTimePrecision(meter)
                .build();
        this.apiRequests = Bucket.builder()
                .addLimit(l -> l.capacity(limits.apiRequestsPerFiveMinutes())
                        .refillGreedy(limits.apiRequestsPerFiveMinutes(), Duration.ofMinutes(5)))
                .withCustomTimePrecision(meter)
                .build();
        this.pausedUntil = new AtomicLong(clock.nanoTime());
    }

    /**
     * The budget of the account behind {@code token}, shared by every purge in this JVM that uses the same
     * token and the same limits. Keyed by a one-way fingerprint of the token.
     */
    public static RateBudget shared(ApiToken token, PurgeLimits limits) {
        String key = token.fingerprint() + "|" + limits.urlsPerSecond() + "|" + limits.requestsPerPeriod() + "/"
                + limits.period() + "|" + limits.requestBurst() + "|" + limits.apiRequestsPerFiveMinutes();
        return SHARED.computeIfAbsent(key, k -> new RateBudget(limits, PurgeClock.system()));
    }

    /** The most URLs that one request may carry and still fit this budget's bucket. */
    public long urlCapacity() {
        return urlCapacity;
    }

    /**
     * Takes what one request of {@code items} items of {@code kind} needs, if it is there now.
     *
     * @return 0 if taken; otherwise the nanoseconds to wait before asking again (nothing is taken)
     */
    public long tryTake(PurgeScope.Kind kind, int items) {
        long now = clock.nanoTime();
        long paused = pausedUntil.get() - now;
        if (paused > 0) {
            return paused;
        }
        Bucket metered = kind.meteredByItem() ? urls : typedRequests;
        long tokens = kind.meteredByItem() ? Math.min(items, urlCapacity) : 1;
        var probe = metered.tryConsumeAndReturnRemaining(tokens);
        if (!probe.isConsumed()) {
            return Math.max(1, probe.getNanosToWaitForRefill());
        }
        var general = apiRequests.tryConsumeAndReturnRemaining(1);
        if (!general.isConsumed()) {
            metered.addTokens(tokens);
            return Math.max(1, general.getNanosToWaitForRefill());
        }
        return 0;
    }

    /**
     * Returns what a request of {@code items} items of {@code kind} took, when Cloudflare refused it without
     * purging anything (too many items). The general API request stays spent: the request was made.
     */
    public void giveBack(PurgeScope.Kind kind, int items) {
        if (kind.meteredByItem()) {
            urls.addTokens(Math.min(items, urlCapacity));
        } else {
            typedRequests.addTokens(1);
        }
    }

    /** Stops every purge of this account from sending until {@code wait} has passed (after a 429). */
    public void pause(Duration wait) {
        long until = clock.nanoTime() + wait.toNanos();
        pausedUntil.accumulateAndGet(until, Math::max);
    }
}
