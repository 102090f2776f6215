package io.jenkins.plugins.cloudflarepurge.engine.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import io.jenkins.plugins.cloudflarepurge.engine.client.RateLimitStatus;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateBudgetTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void urlsArePacedToTheRatePerSecond() {
        RateBudget budget = new RateBudget(PurgeLimits.forPlan(CloudflarePlan.FREE), clock);
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 760));
        long wait = budget.tryTake(PurgeScope.Kind.URLS, 400);
        // 400 URLs at 99/100 of 800 per second.
        assertEquals(400 / (800 * 0.99) * 1e9, wait, Duration.ofMillis(2).toNanos());
        // Bucket4j's refill rounds down: a microsecond more than it said is always enough.
        clock.advance(Duration.ofNanos(wait + 1000));
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 400));
    }

    @Test
    void theFullBudgetHoldsTheArrivalSpreadLessThanCloudflaresBucket() {
        // Cloudflare's bucket holds one second of the rate (800 on Free); the budget 50 ms of it less, from the start
        // and again after a quiet spell, so that a request that arrives up to 50 ms sooner still finds its URLs there.
        RateBudget budget = new RateBudget(PurgeLimits.forPlan(CloudflarePlan.FREE), clock);
        assertEquals(760, budget.urlCapacity());
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 760));
        assertTrue(budget.tryTake(PurgeScope.Kind.URLS, 1) > 0, "it held 760, not 800");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 760));
        assertTrue(budget.tryTake(PurgeScope.Kind.URLS, 1) > 0, "a quiet spell refills it to 760, not to 800");
    }

    @Test
    void thePacingBeforeHadTheWholeBucketAndLessOfTheRate() {
        RateBudget budget =
                new RateBudget(PurgeLimits.forPlan(CloudflarePlan.FREE), clock, RateBudget.Pacing.RATE_SHARE_ONLY);
        assertEquals(800, budget.urlCapacity());
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 800));
        assertEquals(
                400 / (800 * 39.0 / 40.0) * 1e9,
                budget.tryTake(PurgeScope.Kind.URLS, 400),
                Duration.ofMillis(2).toNanos());
    }

    @Test
    void aSmallRateKeepsAtLeastOneUrlAndPacingIsChecked() {
        PurgeLimits oneUrl = PurgeLimits.forPlan(CloudflarePlan.FREE).toBuilder()
                .urlsPerSecond(1)
                .build();
        assertEquals(1, new RateBudget(oneUrl, clock).urlCapacity());
        assertEquals(
                "rate share 0.0 is not in (0, 1]",
                assertThrows(IllegalArgumentException.class, () -> new RateBudget.Pacing(0, Duration.ZERO))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RateBudget.Pacing(1.01, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RateBudget.Pacing(1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RateBudget.Pacing(1, Duration.ofMillis(-1)));
        assertEquals(1000, new RateBudget.Pacing(1, Duration.ZERO).capacity(1000));
        assertEquals(900, new RateBudget.Pacing(1, Duration.ofMillis(100)).capacity(1000));
    }

    @Test
    void otherPurgeTypesUseTheRequestBucketWithItsBurst() {
        RateBudget budget = new RateBudget(PurgeLimits.forPlan(CloudflarePlan.FREE), clock);
        for (int i = 0; i < 25; i++) {
            assertEquals(0, budget.tryTake(PurgeScope.Kind.TAGS, 100), "request " + i);
        }
        long wait = budget.tryTake(PurgeScope.Kind.HOSTS, 1);
        assertEquals(
                Duration.ofSeconds(12).toNanos(), wait, Duration.ofMillis(10).toNanos());
        // URL purges are metered separately.
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 30));
    }

    @Test
    void theGeneralApiLimitCountsEveryRequest() {
        PurgeLimits limits = PurgeLimits.forPlan(CloudflarePlan.ENTERPRISE).toBuilder()
                .apiRequestsPerFiveMinutes(3)
                .build();
        RateBudget budget = new RateBudget(limits, clock);
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 1));
        assertEquals(0, budget.tryTake(PurgeScope.Kind.TAGS, 1));
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 1));
        long wait = budget.tryTake(PurgeScope.Kind.URLS, 1);
        assertEquals(
                Duration.ofSeconds(100).toNanos(), wait, Duration.ofMillis(10).toNanos());
    }

    @Test
    void aRefusedRequestTakesNothing() {
        PurgeLimits limits = PurgeLimits.forPlan(CloudflarePlan.FREE).toBuilder()
                .apiRequestsPerFiveMinutes(1)
                .build();
        RateBudget budget = new RateBudget(limits, clock);
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 100));
        long generalWait = budget.tryTake(PurgeScope.Kind.URLS, 600);
        assertEquals(
                Duration.ofMinutes(5).toNanos(),
                generalWait,
                Duration.ofMillis(10).toNanos());
        // The 600 URL tokens were given back: all 660 are still there, so what stops 660 more is the general limit
        // again, not the URL bucket (which would ask for 0.75 s).
        assertEquals(Duration.ofMinutes(5).toNanos(), budget.tryTake(PurgeScope.Kind.URLS, 660), 1e7);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 760));
    }

    @Test
    void aPauseStopsEverything() {
        RateBudget budget = new RateBudget(PurgeLimits.forPlan(CloudflarePlan.FREE), clock);
        budget.pause(Duration.ofSeconds(9));
        assertEquals(Duration.ofSeconds(9).toNanos(), budget.tryTake(PurgeScope.Kind.URLS, 1));
        budget.pause(Duration.ofSeconds(2));
        assertEquals(
                Duration.ofSeconds(9).toNanos(),
                budget.tryTake(PurgeScope.Kind.TAGS, 1),
                "a shorter pause does not shorten a longer one");
        clock.advance(Duration.ofSeconds(9));
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 1));
    }

    @Test
    void purgesWithTheSameTokenShareOneBudget() {
        PurgeLimits limits = PurgeLimits.forPlan(CloudflarePlan.PRO);
        RateBudget a = RateBudget.shared(ApiToken.of("token-one-abc"), limits);
        assertSame(a, RateBudget.shared(ApiToken.of("token-one-abc"), limits));
        assertNotSame(a, RateBudget.shared(ApiToken.of("token-two-abc"), limits));
        assertNotSame(
                a,
                RateBudget.shared(
                        ApiToken.of("token-one-abc"),
                        limits.toBuilder().urlsPerSecond(10).build()));
    }

    private static RateLimitStatus quota(long remaining, int resetSeconds) {
        return new RateLimitStatus(remaining, Duration.ofSeconds(resetSeconds), OptionalLong.of(1200));
    }

    @Test
    void theQuotaCloudflareReportsIsNeverSpentBeforeItsReset() {
        PurgeLimits limits = PurgeLimits.forPlan(CloudflarePlan.ENTERPRISE).toBuilder()
                .maxInFlight(2)
                .build();
        RateBudget budget = new RateBudget(limits, clock);
        // Another client of the token left 5 requests in this window, which resets in 40 s.
        budget.observe(quota(5, 40));
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 1));
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 1));
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 1));
        // Two left: what two requests on their way may already have taken. Wait for the reset.
        assertEquals(Duration.ofSeconds(40).toNanos(), budget.tryTake(PurgeScope.Kind.URLS, 1));
        assertEquals(Duration.ofSeconds(40).toNanos(), budget.tryTake(PurgeScope.Kind.TAGS, 1));
        clock.advance(Duration.ofSeconds(40));
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 1), "a new window");
    }

    @Test
    void answersOfOneWindowInAnyOrderKeepTheLowestCount() {
        PurgeLimits limits = PurgeLimits.forPlan(CloudflarePlan.ENTERPRISE).toBuilder()
                .maxInFlight(1)
                .build();
        RateBudget budget = new RateBudget(limits, clock);
        budget.observe(quota(3, 100));
        budget.observe(quota(50, 100)); // an older answer, arriving late
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 1));
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 1));
        assertTrue(budget.tryTake(PurgeScope.Kind.URLS, 1) > 0);
        clock.advance(Duration.ofSeconds(10));
        // The window reset: the count is the new window's, though lower counts were seen in the old one.
        budget.observe(quota(1190, 300));
        assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 1));
    }

    @Test
    void withoutAReportOnlyTheLocalBudgetCounts() {
        RateBudget budget = new RateBudget(PurgeLimits.forPlan(CloudflarePlan.ENTERPRISE), clock);
        for (int i = 0; i < 100; i++) {
            assertEquals(0, budget.tryTake(PurgeScope.Kind.URLS, 1));
        }
    }
}
