package io.jenkins.plugins.cloudflarepurge.engine.execution;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Time as the executor sees it: a monotonic clock, and waiting for the next answer or until the next
 * scheduled send. Tests replace it to run pacing and retry waits in virtual time.
 */
public interface PurgeClock {

    /** Wait for an answer with no time limit of its own (the request timeout bounds it). */
    long UNTIL_ANSWER = Long.MAX_VALUE;

    /** A monotonic reading in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /**
     * Waits for the next event, at most {@code maxNanos} ({@link #UNTIL_ANSWER} for no limit).
     *
     * @return the event, or null if the time passed first
     */
    @CheckForNull
    <T> T poll(BlockingQueue<T> events, long maxNanos) throws InterruptedException;

    /** The real clock. */
    static PurgeClock system() {
        return new PurgeClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public <T> T poll(BlockingQueue<T> events, long maxNanos) throws InterruptedException {
                return maxNanos == UNTIL_ANSWER ? events.take() : events.poll(maxNanos, TimeUnit.NANOSECONDS);
            }
        };
    }
}
