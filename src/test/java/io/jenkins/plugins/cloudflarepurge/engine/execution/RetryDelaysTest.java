package io.jenkins.plugins.cloudflarepurge.engine.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareException;
import io.jenkins.plugins.cloudflarepurge.engine.client.FailureKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryDelaysTest {

    private static CloudflareException failure(Duration retryAfter) {
        return new CloudflareException(FailureKind.RATE_LIMITED, 429, List.of(), retryAfter, "rate limited");
    }

    @Test
    void cloudflaresWaitWins() {
        RetryDelays delays = new RetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.5);
        assertEquals(Duration.ofSeconds(7), delays.after(failure(Duration.ofSeconds(7)), 3));
    }

    @Test
    void withoutAHintBackoffDoublesAndIsCapped() {
        RetryDelays top = new RetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 0.999999);
        assertEquals(1000, top.after(failure(null), 1).toMillis(), 1);
        assertEquals(2000, top.after(failure(null), 2).toMillis(), 1);
        assertEquals(4000, top.after(failure(null), 3).toMillis(), 1);
        assertEquals(8000, top.after(failure(null), 4).toMillis(), 1);
        assertEquals(8000, top.after(failure(null), 30).toMillis(), 1);
    }

    @Test
    void jitterKeepsAtLeastHalfTheStep() {
        RetryDelays bottom = new RetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.0);
        assertEquals(Duration.ofMillis(2000), bottom.after(failure(null), 3));
        RetryDelays middle = new RetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 0.5);
        Duration d = middle.after(failure(null), 3);
        assertTrue(d.toMillis() == 3000, d.toString());
    }
}
