package io.jenkins.plugins.cloudflarepurge.engine.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    private final ManualClock clock = new ManualClock();
    private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Test
    void aTimedWaitWithNoEventPassesTheWholeWaitAtOnce() throws Exception {
        long before = clock.nanoTime();
        long realBefore = System.nanoTime();
        assertNull(clock.poll(events, Duration.ofMinutes(5).toNanos()));
        assertEquals(Duration.ofMinutes(5).toNanos(), clock.nanoTime() - before);
        assertEquals(0, Duration.ofNanos(System.nanoTime() - realBefore).toSeconds(), "no real waiting");
    }

    @Test
    void anEventWaitingEndsTheWaitWithoutMovingTime() throws Exception {
        events.add("answer");
        long before = clock.nanoTime();
        assertEquals("answer", clock.poll(events, Duration.ofSeconds(9).toNanos()));
        assertEquals(before, clock.nanoTime());
    }

    @Test
    void advanceMovesTimeForward() {
        long before = clock.nanoTime();
        clock.advance(Duration.ofMillis(1500));
        assertEquals(Duration.ofMillis(1500).toNanos(), clock.nanoTime() - before);
    }
}
