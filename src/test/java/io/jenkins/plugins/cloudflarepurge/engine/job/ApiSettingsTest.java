package io.jenkins.plugins.cloudflarepurge.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.execution.CloudflarePlan;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeLimits;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiSettingsTest {

    @Test
    void defaultsAreCloudflareTheFreePlanAndTheClientTimeouts() {
        ApiSettings s = ApiSettings.defaults();
        assertEquals(CloudflareClient.DEFAULT_BASE_URL, s.baseUrl());
        assertEquals(PurgeLimits.forPlan(CloudflarePlan.FREE), s.limits());
        assertEquals(CloudflareClient.DEFAULT_CONNECT_TIMEOUT, s.connectTimeout());
        assertEquals(CloudflareClient.DEFAULT_REQUEST_TIMEOUT, s.requestTimeout());
    }

    @ParameterizedTest
    @EnumSource(CloudflarePlan.class)
    void thePlanSetsTheLimitsWhatever(CloudflarePlan plan) {
        assertEquals(
                PurgeLimits.forPlan(plan),
                ApiSettings.builder()
                        .baseUrl("")
                        .plan(plan.name().toLowerCase(java.util.Locale.ROOT))
                        .build()
                        .limits());
        assertEquals(plan, ApiSettings.parsePlan(plan.displayName()));
    }

    @Test
    void overridesReplaceThePlansValues() {
        ApiSettings s = ApiSettings.builder()
                .baseUrl("https://proxy.example.com/cf/v4/")
                .plan("BUSINESS")
                .urlsPerRequest(100)
                .urlsPerSecond(700)
                .maxInFlight(3)
                .connectTimeoutSeconds(5)
                .requestTimeoutSeconds(45)
                .build();
        assertEquals(URI.create("https://proxy.example.com/cf/v4"), s.baseUrl());
        assertEquals(100, s.limits().urlsPerRequest());
        assertEquals(700, s.limits().urlsPerSecond());
        assertEquals(3, s.limits().maxInFlight());
        assertEquals(CloudflarePlan.BUSINESS.requestsPerPeriod(), s.limits().requestsPerPeriod());
        assertEquals(Duration.ofSeconds(5), s.connectTimeout());
        assertEquals(Duration.ofSeconds(45), s.requestTimeout());
    }

    @Test
    void anUnknownPlanIsNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ApiSettings.parsePlan("gold"));
        assertTrue(e.getMessage().contains("'gold'"), e.getMessage());
    }

    @Test
    void outOfRangeValuesNameTheirField() {
        assertTrue(assertThrows(
                        InvalidInputException.class,
                        () -> ApiSettings.builder().urlsPerRequest(501).build())
                .getMessage()
                .startsWith("URLs per request"));
        assertTrue(assertThrows(
                        InvalidInputException.class,
                        () -> ApiSettings.builder().urlsPerSecond(-1).build())
                .getMessage()
                .startsWith("URLs per second"));
        assertTrue(assertThrows(
                        InvalidInputException.class,
                        () -> ApiSettings.builder().maxInFlight(65).build())
                .getMessage()
                .startsWith("Requests in flight"));
        assertTrue(assertThrows(
                        InvalidInputException.class,
                        () -> ApiSettings.builder().connectTimeoutSeconds(601).build())
                .getMessage()
                .startsWith("Connect timeout"));
        assertTrue(assertThrows(
                        InvalidInputException.class,
                        () -> ApiSettings.builder().requestTimeoutSeconds(-5).build())
                .getMessage()
                .startsWith("Request timeout"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://api.cloudflare.com/client/v4",
                "http://localhost:8089/client/v4",
                "http://127.0.0.1:1/x",
                "http://127.10.200.255:8080/v4",
                "http://[::1]:8089/client/v4",
                "http://LOCALHOST/v4",
                ""
            })
    void acceptsHttpsAndLocalHttp(String url) {
        assertTrue(ApiSettings.checkBaseUrl(url).isEmpty(), url);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://api.cloudflare.com/client/v4",
                "ftp://x.example.com",
                "api.cloudflare.com/client/v4",
                "https://user:pw@api.cloudflare.com/client/v4",
                "https://api.cloudflare.com/client/v4?x=1",
                "https://exa mple.com",
                "http://127.attacker.example/",
                "http://127.0.0.1.attacker.example/",
                "http://127.0.0.256/",
                "http://localhost.attacker.example/",
                "http://[::2]/"
            })
    void refusesWhatCouldLeakTheTokenOrIsNoUrl(String url) {
        assertTrue(ApiSettings.checkBaseUrl(url).isPresent(), url);
        assertThrows(InvalidInputException.class, () -> ApiSettings.parseBaseUrl(url));
    }

    @Test
    void plainHttpToAnotherHostSaysWhy() {
        assertTrue(ApiSettings.checkBaseUrl("http://cf-proxy.internal/v4")
                .orElseThrow()
                .contains("unencrypted"));
    }

    @Test
    void noPlanConfiguredMeansReadItFromTheZoneWithFreeForTheEstimate() {
        ApiSettings s = ApiSettings.builder().plan("  ").build();
        assertTrue(s.configuredPlan().isEmpty());
        assertEquals(PurgeLimits.forPlan(ApiSettings.DEFAULT_PLAN), s.limits());
        assertEquals(
                CloudflarePlan.PRO,
                ApiSettings.builder().plan("pro").build().configuredPlan().orElseThrow());
    }

    @Test
    void explicitValuesWinOverAnyPlansLimits() {
        ApiSettings s = ApiSettings.builder().urlsPerRequest(40).maxInFlight(2).build();
        PurgeLimits enterprise = s.limitsFor(CloudflarePlan.ENTERPRISE);
        assertEquals(40, enterprise.urlsPerRequest());
        assertEquals(2, enterprise.maxInFlight());
        assertEquals(CloudflarePlan.ENTERPRISE.urlsPerSecond(), enterprise.urlsPerSecond());
    }
}
