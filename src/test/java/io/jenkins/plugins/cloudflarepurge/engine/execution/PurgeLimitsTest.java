package io.jenkins.plugins.cloudflarepurge.engine.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PurgeLimitsTest {

    @Test
    void aPlansDefaultsAreItsDocumentedLimits() {
        PurgeLimits free = PurgeLimits.forPlan(CloudflarePlan.FREE);
        assertEquals(100, free.urlsPerRequest());
        assertEquals(800, free.urlsPerSecond());
        assertEquals(8, free.maxInFlight());
        PurgeLimits enterprise = PurgeLimits.forPlan(CloudflarePlan.ENTERPRISE);
        assertEquals(500, enterprise.urlsPerRequest());
        assertEquals(50, enterprise.requestsPerPeriod());
        assertEquals(500, enterprise.requestBurst());
    }

    @Test
    void requestsInFlightCoverThePlansRateInRequestsOfThirtyAtTwoHundredMilliseconds() {
        for (CloudflarePlan plan : CloudflarePlan.values()) {
            int inFlight = PurgeLimits.forPlan(plan).maxInFlight();
            double urlsPerSecond = inFlight * 30 / 0.2;
            assertTrue(urlsPerSecond >= plan.urlsPerSecond(), plan + ": " + inFlight);
        }
        assertEquals(10, PurgeLimits.forPlan(CloudflarePlan.PRO).maxInFlight());
        assertEquals(20, PurgeLimits.forPlan(CloudflarePlan.ENTERPRISE).maxInFlight());
    }

    @Test
    void theBuilderChangesOnlyWhatItIsTold() {
        PurgeLimits pro = PurgeLimits.forPlan(CloudflarePlan.PRO);
        PurgeLimits changed = pro.toBuilder()
                .urlsPerSecond(700)
                .deadline(Duration.ofMinutes(3))
                .build();
        assertEquals(700, changed.urlsPerSecond());
        assertEquals(Duration.ofMinutes(3), changed.deadline());
        assertEquals(pro.urlsPerRequest(), changed.urlsPerRequest());
        assertEquals(pro.maxInFlight(), changed.maxInFlight());
        assertEquals(pro.backoffMax(), changed.backoffMax());
        assertNotEquals(pro, changed);
        assertEquals(pro, pro.toBuilder().build());
        assertEquals(pro.hashCode(), pro.toBuilder().build().hashCode());
    }

    @Test
    void aValueOutOfRangeIsNamed() {
        PurgeLimits.Builder b = PurgeLimits.forPlan(CloudflarePlan.FREE).toBuilder();
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> b.urlsPerRequest(501).build());
        assertTrue(e.getMessage().contains("URLs per request"), e.getMessage());
        assertThrows(
                InvalidInputException.class,
                () -> b.urlsPerRequest(30).maxInFlight(65).build());
        assertThrows(
                InvalidInputException.class,
                () -> b.maxInFlight(8).deadline(Duration.ZERO).build());
    }
}
