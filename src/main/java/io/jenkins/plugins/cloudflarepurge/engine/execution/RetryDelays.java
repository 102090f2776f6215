package io.jenkins.plugins.cloudflarepurge.engine.execution;

import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before sending a failed request again: what Cloudflare asked for ({@code Retry-After} or the
 * {@code Ratelimit} reset), else exponential backoff with jitter, so that many clients do not retry in step.
 */
public final class RetryDelays {

    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    /**
     * @param random a source of numbers in [0, 1); tests pass a fixed one
     */
    public RetryDelays(Duration base, Duration max, DoubleSupplier random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    public static RetryDelays of(PurgeLimits limits) {
        return new RetryDelays(
                limits.backoffBase(),
                limits.backoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param attempt the attempt that failed, 1 for the first
     */
    public Duration after(CloudflareException failure, int attempt) {
        return failure.retryAfter().orElseGet(() -> backoff(attempt));
    }

    /** Half the exponential step fixed, half random ("equal jitter"): never zero, never in lock-step. */
    Duration backoff(int attempt) {
        long step = base.toNanos() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(step, max.toNanos());
        long half = capped / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * half));
    }
}
