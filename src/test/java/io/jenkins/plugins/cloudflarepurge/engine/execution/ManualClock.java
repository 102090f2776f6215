package io.jenkins.plugins.cloudflarepurge.engine.execution;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Virtual time for the executor: a timed wait that no answer ends passes at once, by moving the clock forward.
 * Waits for answers from the HTTP stand-in are real (bounded), since those come from another thread.
 */
final class ManualClock implements PurgeClock {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Override
    public <T> T poll(BlockingQueue<T> events, long maxNanos) throws InterruptedException {
        T event = events.poll();
        if (event != null) {
            return event;
        }
        if (maxNanos == UNTIL_ANSWER) {
            return events.poll(30, TimeUnit.SECONDS);
        }
        now.addAndGet(maxNanos);
        return null;
    }
}
