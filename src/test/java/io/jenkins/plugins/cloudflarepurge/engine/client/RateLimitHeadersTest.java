package io.jenkins.plugins.cloudflarepurge.engine.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

    private static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (k, v) -> true);
    }

    @Test
    void retryAfterInSeconds() {
        assertEquals(
                Optional.of(Duration.ofSeconds(7)),
                RateLimitHeaders.retryAfter(headers(Map.of("Retry-After", List.of("7")))));
    }

    @Test
    void retryAfterAsHttpDate() {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30));
        Duration wait = RateLimitHeaders.retryAfter(headers(Map.of("Retry-After", List.of(at))))
                .orElseThrow();
        assertTrue(
                wait.compareTo(Duration.ofSeconds(25)) > 0 && wait.compareTo(Duration.ofSeconds(31)) <= 0,
                wait.toString());
    }

    @Test
    void retryAfterInThePastMeansNoWait() {
        String at = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(30));
        assertEquals(
                Optional.of(Duration.ZERO), RateLimitHeaders.retryAfter(headers(Map.of("Retry-After", List.of(at)))));
    }

    @Test
    void ratelimitResetInTheStructuredForm() {
        assertEquals(
                Optional.of(Duration.ofSeconds(30)),
                RateLimitHeaders.retryAfter(headers(Map.of("Ratelimit", List.of("\"default\";r=0;t=30")))));
    }

    @Test
    void ratelimitResetInTheOlderForm() {
        assertEquals(
                Optional.of(Duration.ofSeconds(12)),
                RateLimitHeaders.retryAfter(
                        headers(Map.of("Ratelimit", List.of("limit=1200, remaining=0, reset=12")))));
    }

    @Test
    void retryAfterWinsOverRatelimit() {
        assertEquals(
                Optional.of(Duration.ofSeconds(3)),
                RateLimitHeaders.retryAfter(
                        headers(Map.of("Retry-After", List.of("3"), "Ratelimit", List.of("\"default\";r=0;t=30")))));
    }

    @Test
    void absurdWaitsAreCapped() {
        assertEquals(
                Optional.of(RateLimitHeaders.MAX_WAIT),
                RateLimitHeaders.retryAfter(headers(Map.of("Retry-After", List.of("86400")))));
    }

    @Test
    void garbageIsIgnored() {
        assertEquals(
                Optional.empty(),
                RateLimitHeaders.retryAfter(
                        headers(Map.of("Retry-After", List.of("soon"), "Ratelimit", List.of("r=0")))));
        assertEquals(Optional.empty(), RateLimitHeaders.retryAfter(headers(Map.of())));
    }

    @Test
    void aResetOfUpToNineDigitsIsRead() {
        assertEquals(Optional.of(RateLimitHeaders.MAX_WAIT), RateLimitHeaders.parseRatelimitReset("t=999999999"));
        assertEquals(Optional.empty(), RateLimitHeaders.parseRatelimitReset("t=9999999999"));
        assertEquals(Optional.of(Duration.ofSeconds(599)), RateLimitHeaders.parseRatelimitReset("t=599"));
    }

    @Test
    void theQuotaLeftInBothDraftForms() {
        RateLimitStatus structured = RateLimitHeaders.status(headers(Map.of(
                        "Ratelimit", List.of("\"default\";r=17;t=30"),
                        "Ratelimit-Policy", List.of("\"default\";q=1200;w=300"))))
                .orElseThrow();
        assertEquals(17, structured.remaining());
        assertEquals(Duration.ofSeconds(30), structured.reset());
        assertEquals(java.util.OptionalLong.of(1200), structured.quota());
        RateLimitStatus older = RateLimitHeaders.status(
                        headers(Map.of("Ratelimit", List.of("limit=1200, remaining=5, reset=12"))))
                .orElseThrow();
        assertEquals(5, older.remaining());
        assertEquals(Duration.ofSeconds(12), older.reset());
        assertTrue(RateLimitHeaders.status(headers(Map.of("Ratelimit", List.of("\"default\";t=30"))))
                .isEmpty());
        assertTrue(RateLimitHeaders.status(headers(Map.of())).isEmpty());
    }
}
