package io.jenkins.plugins.cloudflarepurge.engine.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.cloudflarepurge.engine.client.ZonePlan;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CloudflarePlanTest {

    private static Optional<CloudflarePlan> of(String name, String legacyId) {
        return CloudflarePlan.of(new ZonePlan("id", name, legacyId));
    }

    @Test
    void theLegacyIdDecidesWhenGiven() {
        assertEquals(Optional.of(CloudflarePlan.PRO), of("Something Else", "pro"));
        assertEquals(Optional.of(CloudflarePlan.ENTERPRISE), of("", "ENTERPRISE"));
    }

    @Test
    void elseThePlansNameDoes() {
        assertEquals(Optional.of(CloudflarePlan.FREE), of("Free Website", ""));
        assertEquals(Optional.of(CloudflarePlan.PRO), of("Pro Website", ""));
        assertEquals(Optional.of(CloudflarePlan.BUSINESS), of("Business Website", ""));
        assertEquals(Optional.of(CloudflarePlan.ENTERPRISE), of("Enterprise Website", ""));
        assertEquals(Optional.of(CloudflarePlan.ENTERPRISE), of("Enterprise", ""));
    }

    @Test
    void aWordInsideAnotherIsNoPlanAndAnUnknownPlanIsEmpty() {
        assertEquals(Optional.empty(), of("Professional Services", ""));
        assertEquals(Optional.empty(), of("Galactic Website", "galactic"));
        assertEquals(Optional.empty(), of("", ""));
    }
}
