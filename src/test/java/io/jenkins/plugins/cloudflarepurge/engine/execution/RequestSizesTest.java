package io.jenkins.plugins.cloudflarepurge.engine.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import org.junit.jupiter.api.Test;

class RequestSizesTest {

    @Test
    void aLimitNamedInTheMessageIsTakenAsIs() {
        assertEquals(30, RequestSizes.stepDown(100, "Purge of 100 files exceeded the limit of 30 files per request"));
        assertEquals(10, RequestSizes.stepDown(95, "You've exceeded the max number of files (10) per request"));
    }

    @Test
    void withoutAUsableNumberThirtyComesBeforeHalving() {
        assertEquals(30, RequestSizes.stepDown(500, "Too many files"));
        assertEquals(30, RequestSizes.stepDown(100, "exceeded the max number of files (0) per request"));
        assertEquals(15, RequestSizes.stepDown(30, "Too many files"));
        assertEquals(8, RequestSizes.stepDown(15, "Too many files"));
        assertEquals(1, RequestSizes.stepDown(2, "Too many files"));
        // A number not below the refused size says nothing about what would be accepted.
        assertEquals(15, RequestSizes.stepDown(30, "at most 500 per request"));
    }

    @Test
    void learntSizesAreKeptPerTokenAndZone() {
        RequestSizes sizes = new RequestSizes();
        ApiToken token = ApiToken.of("token-for-sizes-0123456789");
        sizes.learn(token, "zone-a", 30);
        assertEquals(30, sizes.learned(token, "zone-a").orElseThrow());
        assertTrue(sizes.learned(token, "zone-b").isEmpty());
        assertTrue(
                sizes.learned(ApiToken.of("other-token-0123456789"), "zone-a").isEmpty());
        sizes.learn(token, "zone-a", 100);
        assertEquals(100, sizes.learned(token, "zone-a").orElseThrow());
    }
}
