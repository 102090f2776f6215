package io.jenkins.plugins.cloudflarepurge.engine.bench;

import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeClock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Time that runs {@code scale} times faster than the real clock, shared by the fake Cloudflare and the engine in
 * one benchmark row, so that a row whose bound is minutes (the five-minute general limit) runs in seconds. Every
 * limit, wait and round trip is in this time on both sides, so the bound and the ratios are those of real time;
 * only the real work per request (HTTP on loopback, JSON) grows by the scale in this time, which slows both
 * clients and can only lower the engine's ratio. Scale 1 is the real clock.
 */
final class ScaledClock implements PurgeClock {

    private final double scale;
    private final long origin = System.nanoTime();

    ScaledClock(double scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale " + scale);
        }
        this.scale = scale;
    }

    double scale() {
        return scale;
    }

    @Override
    public long nanoTime() {
        return origin + (long) ((System.nanoTime() - origin) * scale);
    }

    @Override
    public <T> T poll(BlockingQueue<T> events, long maxNanos) throws InterruptedException {
        if (maxNanos == UNTIL_ANSWER) {
            return events.take();
        }
        return events.poll(real(maxNanos), TimeUnit.NANOSECONDS);
    }

    /** Sleeps {@code nanos} of this clock's time. */
    void sleep(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(real(nanos));
        }
    }

    private long real(long nanos) {
        return (long) Math.ceil(nanos / scale);
    }
}
