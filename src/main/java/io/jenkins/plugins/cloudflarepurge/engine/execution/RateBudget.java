package io.jenkins.plugins.cloudflarepurge.engine.execution;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import io.jenkins.plugins.cloudflarepurge.engine.client.RateLimitStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Cloudflare account's purge allowance, in token buckets (Bucket4j): URLs per second for URL purges,
 * requests per period for tag, host, prefix and purge-everything requests, and the general API request limit
 * that every request counts against. Purges that run at the same time with the same token share one budget
 * ({@link #shared}), since Cloudflare meters per account. A 429 pauses the whole budget. Beyond what this JVM
 * knows, the quota that Cloudflare reports on its answers ({@link #observe}) keeps the token from its general
 * limit when other controllers or tools spend it too.
 */
public final class RateBudget {

    private static final Map<String, RateBudget> SHARED = new ConcurrentHashMap<>();

    /**
     * How URLs are paced against Cloudflare's bucket, which meters a request when it arrives, not when it is sent.
     *
     * @param rateShare the share of the account's URL rate at which the budget refills; a little below 1 leaves room
     *     for Cloudflare's clock and averaging, which are not published
     * @param arrivalSpread how much sooner a later request may arrive than the first of a burst, relative to when
     *     each was sent (jitter, a connection that was already open), without meeting a 429: the budget holds this
     *     much less than Cloudflare's bucket (one second of the rate), so the difference is there from the first
     *     request and after every quiet spell, and costs this time once rather than a share of every second
     */
    public record Pacing(double rateShare, Duration arrivalSpread) {

        /**
         * 99/100 of the rate, 50 ms of arrival spread. Measured (docs/benchmarks.md): the requests that met a 429
         * were 0.3 to 11 ms short on a loaded build machine; the 39/40 of the rate paced before
         * ({@link #RATE_SHARE_ONLY}) had gained only about 10 ms on Cloudflare's bucket half a second into a purge,
         * when most 429s were met, and cost 2.5 % of every purge.
         */
        public static final Pacing DEFAULT = new Pacing(99.0 / 100.0, Duration.ofMillis(50));

        /** The pacing before {@link #DEFAULT}: 39/40 of the rate and a full bucket, for comparison in benchmarks. */
        public static final Pacing RATE_SHARE_ONLY = new Pacing(39.0 / 40.0, Duration.ZERO);

        public Pacing {
            if (!(rateShare > 0 && rateShare <= 1)) {
                throw new IllegalArgumentException("rate share " + rateShare + " is not in (0, 1]");
            }
            if (arrivalSpread.isNegative() || arrivalSpread.compareTo(Duration.ofSeconds(1)) >= 0) {
                throw new IllegalArgumentException("arrival spread " + arrivalSpread + " is not in [0, 1 s)");
            }
        }

        /** What the budget's URL bucket holds: one second of {@code urlsPerSecond} less the arrival spread's URLs. */
        long capacity(long urlsPerSecond) {
            long spread = urlsPerSecond * arrivalSpread.toNanos() / 1_000_000_000L;
            return Math.max(1, urlsPerSecond - spread);
        }
    }

    /** The {@code Ratelimit} header's reset is in whole seconds. */
    private static final Duration SERVER_RESET_PRECISION = Duration.ofSeconds(1);

    private final PurgeClock clock;
    private final Bucket urls;
    private final long urlCapacity;
    private final Bucket typedRequests;
    private final Bucket apiRequests;
    private final AtomicLong pausedUntil;

    /** Requests that may be on their way, sent after Cloudflare counted what it last reported. */
    private final int reserve;

    private final Object serverLock = new Object();
    /** Requests left in the token's current window, as last reported less those sent since; MAX_VALUE: unknown. */
    private long serverRemaining = Long.MAX_VALUE;

    private long serverResetAt;

    /** A budget paced as {@link Pacing#DEFAULT}. */
    public RateBudget(PurgeLimits limits, PurgeClock clock) {
        this(limits, clock, Pacing.DEFAULT);
    }

    public RateBudget(PurgeLimits limits, PurgeClock clock, Pacing pacing) {
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
        this.urlCapacity = pacing.capacity(limits.urlsPerSecond());
        // Refilled per 100 s, so that a share such as 99/100 is whole tokens.
        long per100Seconds = Math.max(1, Math.round(limits.urlsPerSecond() * 100 * pacing.rateShare()));
        this.urls = Bucket.builder()
                .addLimit(l -> l.capacity(urlCapacity).refillGreedy(per100Seconds, Duration.ofSeconds(100)))
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
        this.reserve = limits.maxInFlight();
        this.serverResetAt = clock.nanoTime();
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
        long serverWait = takeFromServerQuota(now);
        if (serverWait > 0) {
            metered.addTokens(tokens);
            return serverWait;
        }
        var general = apiRequests.tryConsumeAndReturnRemaining(1);
        if (!general.isConsumed()) {
            metered.addTokens(tokens);
            giveBackToServerQuota();
            return Math.max(1, general.getNanosToWaitForRefill());
        }
        return 0;
    }

    /**
     * Takes one request from the quota Cloudflare reported, unless what is left would not cover the requests that
     * may be on their way: then the wait until the window resets. Exceeding the quota blocks the token's every
     * call for five minutes, so it must never reach zero before the reset.
     */
    private long takeFromServerQuota(long now) {
        synchronized (serverLock) {
            if (serverRemaining == Long.MAX_VALUE) {
                return 0;
            }
            if (now - serverResetAt >= 0) {
                serverRemaining = Long.MAX_VALUE; // a new window: unknown until the next answer says
                return 0;
            }
            if (serverRemaining <= reserve) {
                return serverResetAt - now;
            }
            serverRemaining--;
            return 0;
        }
    }

    private void giveBackToServerQuota() {
        synchronized (serverLock) {
            if (serverRemaining != Long.MAX_VALUE) {
                serverRemaining++;
            }
        }
    }

    /**
     * Takes in what an answer said of the token's general API quota ({@code Ratelimit} header). Answers of one
     * window may arrive out of order, so the lowest count left wins; a reset more than a second later than the
     * known one (the header counts whole seconds) starts a new window. Other clients of the same token spend the
     * same quota, so this is what paces them all.
     */
    public void observe(RateLimitStatus status) {
        long now = clock.nanoTime();
        long resetAt = now + status.reset().toNanos();
        synchronized (serverLock) {
            boolean newWindow = serverRemaining == Long.MAX_VALUE
                    || resetAt - serverResetAt > SERVER_RESET_PRECISION.toNanos()
                    || now - serverResetAt >= 0;
            if (newWindow) {
                serverRemaining = status.remaining();
                serverResetAt = resetAt;
            } else {
                serverRemaining = Math.min(serverRemaining, status.remaining());
                serverResetAt = Math.max(serverResetAt, resetAt);
            }
        }
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
