package io.jenkins.plugins.cloudflarepurge.engine.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The zone's plan ({@code GET /zones/{zone_id}}) and the general API quota an answer reports. */
class CloudflareClientZonePlanTest {

    static final String TOKEN = "cf-PLAN-token-1234567890abcdef";
    static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

    @RegisterExtension
    static WireMockExtension cloudflare = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static CloudflareClient client() {
        return new CloudflareClient(
                CloudflareClient.newHttpClient(Duration.ofSeconds(2)),
                URI.create(cloudflare.baseUrl() + "/client/v4"),
                ApiToken.of(TOKEN),
                Duration.ofSeconds(5));
    }

    @Test
    void readsTheZonesPlan() throws Exception {
        cloudflare.stubFor(get(urlEqualTo("/client/v4/zones/" + ZONE))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"" + ZONE
                        + "\",\"name\":\"example.com\",\"plan\":{\"id\":\"94f3b7b768b0458b56d2cac4fe5ec0f9\","
                        + "\"name\":\"Pro Website\",\"legacy_id\":\"pro\"}}}")));
        assertEquals(new ZonePlan("94f3b7b768b0458b56d2cac4fe5ec0f9", "Pro Website", "pro"), client().zonePlan(ZONE));
        cloudflare.verify(1, getRequestedFor(urlEqualTo("/client/v4/zones/" + ZONE)));
    }

    @Test
    void aTokenThatMayNotReadTheZoneFailsWithoutNamingTheToken() {
        cloudflare.stubFor(get(urlEqualTo("/client/v4/zones/" + ZONE))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withBody("{\"success\":false,\"errors\":[{\"code\":9109,\"message\":\"Unauthorized to"
                                + " access requested resource\"}],\"messages\":[],\"result\":null}")));
        CloudflareException e = assertThrows(CloudflareException.class, () -> client().zonePlan(ZONE));
        assertEquals(403, e.httpStatus());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void aZoneNameIsRefusedBeforeAnyRequest() {
        assertThrows(InvalidInputException.class, () -> client().zonePlan("example.com"));
        assertEquals(0, cloudflare.getAllServeEvents().size());
    }

    @Test
    void aPurgeReceiptCarriesTheQuotaTheAnswerReports() throws Exception {
        cloudflare.stubFor(post(urlEqualTo("/client/v4/zones/" + ZONE + "/purge_cache"))
                .willReturn(okJson("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"x\"}}")
                        .withHeader("Ratelimit", "\"default\";r=1150;t=270")
                        .withHeader("Ratelimit-Policy", "\"default\";q=1200;w=300")));
        PurgeReceipt receipt = client().purgeAsync(
                        ZONE, PurgeScope.Kind.URLS, List.of(PurgeItem.of("https://www.example.com/a.css")))
                .get();
        assertTrue(receipt.isAccepted());
        RateLimitStatus status = receipt.rateLimit().orElseThrow();
        assertEquals(1150, status.remaining());
        assertEquals(Duration.ofSeconds(270), status.reset());
        assertEquals(OptionalLong.of(1200), status.quota());
    }

    @Test
    void aRefusalCarriesTheQuotaToo() throws Exception {
        cloudflare.stubFor(post(urlEqualTo("/client/v4/zones/" + ZONE + "/purge_cache"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Ratelimit", "\"default\";r=0;t=42")
                        .withBody("{\"success\":false,\"errors\":[{\"code\":971,\"message\":\"Please wait\"}],"
                                + "\"messages\":[],\"result\":null}")));
        PurgeReceipt receipt = client().purgeAsync(
                        ZONE, PurgeScope.Kind.URLS, List.of(PurgeItem.of("https://www.example.com/a.css")))
                .get();
        assertFalse(receipt.isAccepted());
        assertEquals(0, receipt.rateLimit().orElseThrow().remaining());
        assertEquals(Duration.ofSeconds(42), receipt.rateLimit().orElseThrow().reset());
    }
}
