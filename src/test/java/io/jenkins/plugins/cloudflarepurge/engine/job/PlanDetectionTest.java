package io.jenkins.plugins.cloudflarepurge.engine.job;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.execution.CloudflarePlan;
import io.jenkins.plugins.cloudflarepurge.engine.execution.ManualClock;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeLimits;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlanDetectionTest {

    static final String TOKEN = "cf-DETECT-token-1234567890abcdef";
    static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    static final String ZONE_PATH = "/client/v4/zones/" + ZONE;

    @RegisterExtension
    static WireMockExtension cloudflare = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final ManualClock clock = new ManualClock();
    private final PlanDetection detection = new PlanDetection(clock);

    private static CloudflareClient client(String token) {
        return new CloudflareClient(
                CloudflareClient.newHttpClient(Duration.ofSeconds(2)),
                URI.create(cloudflare.baseUrl() + "/client/v4"),
                ApiToken.of(token),
                Duration.ofSeconds(5));
    }

    private static void zoneOnPlan(String name, String legacyId) {
        cloudflare.stubFor(get(urlEqualTo(ZONE_PATH))
                .willReturn(okJson("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"" + ZONE
                        + "\",\"plan\":{\"id\":\"p\",\"name\":\"" + name + "\",\"legacy_id\":\"" + legacyId
                        + "\"}}}")));
    }

    @Test
    void withNoPlanConfiguredTheZonesPlanIsReadAndSaid() {
        zoneOnPlan("Enterprise Website", "enterprise");
        PlanDetection.Choice choice = detection.choose(client(TOKEN), ZONE, ApiSettings.defaults());
        assertEquals(CloudflarePlan.ENTERPRISE, choice.plan());
        assertEquals(PurgeLimits.forPlan(CloudflarePlan.ENTERPRISE), choice.limits());
        assertEquals("zone plan Enterprise, read from Cloudflare", choice.reason());
        assertEquals(
                "Limits of the Enterprise plan (zone plan Enterprise, read from Cloudflare): 3000 URLs per second,"
                        + " up to 500 URLs per request.",
                choice.consoleLine());
    }

    @Test
    void aConfiguredPlanIsUsedWithoutAsking() {
        zoneOnPlan("Enterprise Website", "enterprise");
        ApiSettings api = ApiSettings.builder().plan("FREE").build();
        PlanDetection.Choice choice = detection.choose(client(TOKEN), ZONE, api);
        assertEquals(CloudflarePlan.FREE, choice.plan());
        assertEquals("configured: Free", choice.reason());
        assertEquals(0, cloudflare.getAllServeEvents().size());
    }

    @Test
    void aTokenThatMayNotReadTheZoneGetsTheFreePlanAndTheConsoleSaysWhy() {
        cloudflare.stubFor(get(urlEqualTo(ZONE_PATH))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withBody("{\"success\":false,\"errors\":[{\"code\":9109,\"message\":\"Unauthorized\"}],"
                                + "\"messages\":[],\"result\":null}")));
        PlanDetection.Choice choice = detection.choose(client(TOKEN), ZONE, ApiSettings.defaults());
        assertEquals(CloudflarePlan.FREE, choice.plan());
        assertEquals(PurgeLimits.forPlan(CloudflarePlan.FREE), choice.limits());
        assertTrue(choice.reason().contains("HTTP 403"), choice.reason());
        assertTrue(choice.reason().contains("Zone > Zone > Read"), choice.reason());
        assertFalse(choice.consoleLine().contains(TOKEN));
    }

    @Test
    void theAdministratorsExplicitValuesWinOverTheZonesPlan() {
        zoneOnPlan("Business Website", "business");
        ApiSettings api =
                ApiSettings.builder().urlsPerSecond(700).urlsPerRequest(30).build();
        PlanDetection.Choice choice = detection.choose(client(TOKEN), ZONE, api);
        assertEquals(CloudflarePlan.BUSINESS, choice.plan());
        assertEquals(700, choice.limits().urlsPerSecond());
        assertEquals(30, choice.limits().urlsPerRequest());
        assertEquals(
                CloudflarePlan.BUSINESS.requestsPerPeriod(), choice.limits().requestsPerPeriod());
    }

    @Test
    void theAnswerIsKeptPerTokenAndZoneUntilItExpires() {
        zoneOnPlan("Pro Website", "pro");
        detection.choose(client(TOKEN), ZONE, ApiSettings.defaults());
        clock.advance(PlanDetection.ANSWER_EXPIRY.minusSeconds(1));
        assertEquals(
                CloudflarePlan.PRO,
                detection.choose(client(TOKEN), ZONE, ApiSettings.defaults()).plan());
        cloudflare.verify(1, getRequestedFor(urlEqualTo(ZONE_PATH)));
        detection.choose(client("another-token-abcdef0123456789"), ZONE, ApiSettings.defaults());
        cloudflare.verify(2, getRequestedFor(urlEqualTo(ZONE_PATH)));
        clock.advance(Duration.ofSeconds(1));
        zoneOnPlan("Business Website", "business");
        assertEquals(
                CloudflarePlan.BUSINESS,
                detection.choose(client(TOKEN), ZONE, ApiSettings.defaults()).plan(),
                "an expired answer is asked again, and a changed plan seen");
        cloudflare.verify(3, getRequestedFor(urlEqualTo(ZONE_PATH)));
    }

    @Test
    void aFailureIsKeptForLessTime() {
        cloudflare.stubFor(get(urlEqualTo(ZONE_PATH)).willReturn(aResponse().withStatus(403)));
        detection.choose(client(TOKEN), ZONE, ApiSettings.defaults());
        detection.choose(client(TOKEN), ZONE, ApiSettings.defaults());
        cloudflare.verify(1, getRequestedFor(urlEqualTo(ZONE_PATH)));
        clock.advance(PlanDetection.FAILURE_EXPIRY);
        zoneOnPlan("Pro Website", "pro");
        assertEquals(
                CloudflarePlan.PRO,
                detection.choose(client(TOKEN), ZONE, ApiSettings.defaults()).plan());
    }

    @Test
    void anUnknownPlanFallsBackToFreeAndNamesIt() {
        zoneOnPlan("Galactic Website", "galactic");
        PlanDetection.Choice choice = detection.choose(client(TOKEN), ZONE, ApiSettings.defaults());
        assertEquals(CloudflarePlan.FREE, choice.plan());
        assertTrue(choice.reason().contains("'Galactic Website'"), choice.reason());
    }
}
