package io.jenkins.plugins.cloudflarepurge.engine.job;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.client.TokenStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectionCheckTest {

    static final String TOKEN = "cfut_SECRET-check-0123456789";
    static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    static final String PURGE_PATH = "/client/v4/zones/" + ZONE + "/purge_cache";

    @RegisterExtension
    static WireMockExtension cloudflare = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static CloudflareClient client() {
        return new CloudflareClient(
                CloudflareClient.newHttpClient(Duration.ofSeconds(2)),
                URI.create(cloudflare.baseUrl() + "/client/v4"),
                ApiToken.of(TOKEN),
                Duration.ofSeconds(5));
    }

    static void tokenStatus(String status) {
        cloudflare.stubFor(get(urlEqualTo("/client/v4/user/tokens/verify"))
                .willReturn(okJson(
                        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"abc\",\"status\":\""
                                + status + "\"}}")));
    }

    static void purgeAnswer(int status, String body) {
        cloudflare.stubFor(post(urlEqualTo(PURGE_PATH))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    static String error(int code, String message) {
        return "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
                + "\"}],\"messages\":[],\"result\":null}";
    }

    @Test
    void anActiveTokenThatMayPurgeIsOkAndTheTestUrlIsBelowThePrefix() throws Exception {
        tokenStatus("active");
        purgeAnswer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"purge-1\"}}");
        ConnectionCheck.Result r =
                ConnectionCheck.run(client(), ZONE, "https://www.example.com/site/\nhttps://other.example.com");
        assertTrue(r.ok(), r.message());
        assertTrue(r.message().contains("may purge zone " + ZONE), r.message());
        assertTrue(r.message().contains("purge-1"), r.message());
        cloudflare.verify(
                1,
                postRequestedFor(urlEqualTo(PURGE_PATH))
                        .withRequestBody(
                                matchingJsonPath(
                                        "$.files[0]",
                                        com.github.tomakehurst.wiremock.client.WireMock.matching(
                                                "https://www\\.example\\.com/site/cloudflare-purge-connection-test-[0-9a-f]{16}"))));
    }

    @Test
    void anInactiveTokenIsNamedAndNothingIsPurged() throws Exception {
        tokenStatus("disabled");
        ConnectionCheck.Result r = ConnectionCheck.run(client(), ZONE, "https://www.example.com");
        assertFalse(r.ok());
        assertTrue(r.message().contains("disabled"), r.message());
        cloudflare.verify(0, postRequestedFor(anyUrl()));
    }

    static void verificationRefused() {
        cloudflare.stubFor(get(urlEqualTo("/client/v4/user/tokens/verify"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(error(1000, "Invalid API Token"))));
    }

    static void tokenExpiring(String expiresOn) {
        cloudflare.stubFor(get(urlEqualTo("/client/v4/user/tokens/verify"))
                .willReturn(okJson("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"abc\","
                        + "\"status\":\"active\",\"expires_on\":\"" + expiresOn + "\"}}")));
    }

    static final Clock DECEMBER_FIRST = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void anAccountOwnedTokenFailsTheVerificationButPassesOnTheTestPurge() throws Exception {
        verificationRefused();
        purgeAnswer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"purge-2\"}}");
        ConnectionCheck.Result r = ConnectionCheck.run(client(), ZONE, "https://www.example.com");
        assertEquals(ConnectionCheck.Level.OK, r.level(), r.message());
        assertTrue(r.message().startsWith("Test purge: the token may purge zone " + ZONE), r.message());
        assertTrue(
                r.message().contains("Token verification failed (an account-owned token always fails it"), r.message());
        assertTrue(r.message().contains("Invalid API Token"), r.message());
        assertFalse(r.message().contains(TOKEN));
        cloudflare.verify(1, postRequestedFor(urlEqualTo(PURGE_PATH)));
    }

    @Test
    void whenBothChecksFailTheMessageSaysWhichAndWhy() throws Exception {
        verificationRefused();
        purgeAnswer(403, error(10000, "Authentication error"));
        ConnectionCheck.Result r = ConnectionCheck.run(client(), ZONE, "https://www.example.com");
        assertEquals(ConnectionCheck.Level.ERROR, r.level());
        assertFalse(r.ok());
        assertTrue(r.message().startsWith("Test purge failed: the token may not purge zone " + ZONE), r.message());
        assertTrue(r.message().contains("Token verification failed"), r.message());
    }

    @Test
    void aTokenThatNeitherVerifiesNorIsTriedIsAnError() throws Exception {
        verificationRefused();
        ConnectionCheck.Result r = ConnectionCheck.run(client(), "", "https://www.example.com");
        assertEquals(ConnectionCheck.Level.ERROR, r.level());
        assertTrue(r.message().startsWith("The token could not be verified. Set a zone ID"), r.message());
        cloudflare.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aTokenThatExpiresWithinThirtyDaysIsAWarning() throws Exception {
        tokenExpiring("2026-12-11T09:00:00Z");
        purgeAnswer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"p\"}}");
        ConnectionCheck.Result r = ConnectionCheck.run(client(), ZONE, "https://www.example.com", DECEMBER_FIRST);
        assertEquals(ConnectionCheck.Level.WARNING, r.level(), r.message());
        assertTrue(r.ok());
        assertTrue(r.message().contains("may purge zone " + ZONE), r.message());
        assertTrue(r.message().contains("Warning: the token expires on 2026-12-11 (in 9 days)"), r.message());
    }

    @Test
    void theExpiryWarningStartsThirtyDaysAhead() {
        TokenStatus in30 = new TokenStatus("t", "active", Optional.of(Instant.parse("2026-12-31T10:00:00Z")));
        TokenStatus in30AndASecond = new TokenStatus("t", "active", Optional.of(Instant.parse("2026-12-31T10:00:01Z")));
        TokenStatus tonight = new TokenStatus("t", "active", Optional.of(Instant.parse("2026-12-01T23:00:00Z")));
        TokenStatus tomorrow = new TokenStatus("t", "active", Optional.of(Instant.parse("2026-12-02T11:00:00Z")));
        assertTrue(ConnectionCheck.expiryWarning(in30, DECEMBER_FIRST)
                .orElseThrow()
                .contains("(in 30 days)"));
        assertEquals(Optional.empty(), ConnectionCheck.expiryWarning(in30AndASecond, DECEMBER_FIRST));
        assertTrue(ConnectionCheck.expiryWarning(tonight, DECEMBER_FIRST)
                .orElseThrow()
                .contains("(within a day)"));
        assertTrue(ConnectionCheck.expiryWarning(tomorrow, DECEMBER_FIRST)
                .orElseThrow()
                .contains("(in 1 day)"));
        assertEquals(Optional.empty(), ConnectionCheck.expiryWarning(new TokenStatus("t", "active"), DECEMBER_FIRST));
    }

    @Test
    void aTokenThatExpiresLaterIsJustOk() throws Exception {
        tokenExpiring("2027-06-01T00:00:00Z");
        ConnectionCheck.Result r = ConnectionCheck.run(client(), ZONE, null, DECEMBER_FIRST);
        assertEquals(ConnectionCheck.Level.OK, r.level(), r.message());
        assertFalse(r.message().contains("expires"), r.message());
    }

    @Test
    void aTokenWithoutThePurgePermissionIsTold() throws Exception {
        tokenStatus("active");
        purgeAnswer(403, error(10000, "Authentication error"));
        ConnectionCheck.Result r = ConnectionCheck.run(client(), ZONE, "https://www.example.com");
        assertFalse(r.ok());
        assertTrue(r.message().contains("Cache Purge"), r.message());
    }

    @Test
    void anUnknownZoneIsTold() throws Exception {
        tokenStatus("active");
        purgeAnswer(
                400,
                error(
                        7003,
                        "Could not route to /zones/" + ZONE
                                + "/purge_cache, perhaps your object identifier is invalid?"));
        ConnectionCheck.Result r = ConnectionCheck.run(client(), ZONE, "https://www.example.com");
        assertFalse(r.ok());
        assertTrue(r.message().contains("check the zone ID"), r.message());
    }

    @Test
    void withoutZoneOrPrefixOnlyTheTokenIsTestedAndTheMessageSaysSo() throws Exception {
        tokenStatus("active");
        ConnectionCheck.Result noZone = ConnectionCheck.run(client(), " ", "https://www.example.com");
        assertTrue(noZone.ok());
        assertTrue(noZone.message().contains("Set a zone ID"), noZone.message());
        ConnectionCheck.Result noPrefix = ConnectionCheck.run(client(), ZONE, null);
        assertTrue(noPrefix.ok());
        assertTrue(noPrefix.message().contains("Set a URL prefix"), noPrefix.message());
        cloudflare.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aBadZoneOrPrefixIsNamedWithoutAPurge() throws Exception {
        tokenStatus("active");
        assertTrue(ConnectionCheck.run(client(), "example.com", "https://www.example.com")
                .message()
                .contains("looks like a zone name"));
        assertTrue(
                ConnectionCheck.run(client(), ZONE, "www.example.com").message().contains("URL prefix"));
        cloudflare.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void testUrlsAreRandomAndBelowThePrefix() {
        String a = ConnectionCheck.testUrl("https://www.example.com/");
        String b = ConnectionCheck.testUrl("https://www.example.com");
        assertTrue(a.startsWith("https://www.example.com" + ConnectionCheck.TEST_PATH), a);
        assertNotEquals(a, b);
        assertEquals(a.length(), b.length());
    }
}
