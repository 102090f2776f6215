package io.jenkins.plugins.cloudflarepurge.engine.execution;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Virtual time for tests of anything that takes a {@link PurgeClock} ({@link PurgeExecutor}, {@link RateBudget},
 * the plan and request-size caches): a timed wait that no event ends passes at once, by moving the clock
 * forward by the whole wait, so that minutes of pacing and backoff take no real time. A wait with no time limit
 * ({@link PurgeClock#UNTIL_ANSWER}) is real, since answers come from an HTTP server on another thread, and is
 * bounded so that a broken test fails instead of hanging. Thread-safe.
 *
 * <pre>
 * ManualClock clock = new ManualClock();
 * RateBudget budget = new RateBudget(limits, clock);
 * clock.advance(Duration.ofSeconds(1));
 * </pre>
 */
public final class ManualClock implements PurgeClock {

    /** How long a wait for an answer may really take before it gives up (and the test fails). */
    static final Duration MAX_REAL_WAIT = Duration.ofSeconds(30);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** Moves time forward, as if {@code d} had passed. */
    public void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Override
    public <T> T poll(BlockingQueue<T> events, long maxNanos) throws InterruptedException {
        T event = events.poll();
        if (event != null) {
            return event;
        }
        if (maxNanos == UNTIL_ANSWER) {
            return events.poll(MAX_REAL_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        now.addAndGet(maxNanos);
        return null;
    }
}
