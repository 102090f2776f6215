package io.jenkins.plugins.cloudflarepurge.engine.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CloudflareClientTest {

    static final String TOKEN = "cf-TEST-token-1234567890abcdef";
    static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    static final String PURGE_PATH = "/client/v4/zones/" + ZONE + "/purge_cache";

    @RegisterExtension
    static WireMockExtension cloudflare = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static CloudflareClient client(Duration timeout) {
        return new CloudflareClient(
                CloudflareClient.newHttpClient(Duration.ofSeconds(2)),
                URI.create(cloudflare.baseUrl() + "/client/v4"),
                ApiToken.of(TOKEN),
                timeout);
    }

    private static CloudflareClient client() {
        return client(Duration.ofSeconds(5));
    }

    private static void answer(int status, String body) {
        cloudflare.stubFor(post(urlEqualTo(PURGE_PATH))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private static String accepted(String id) {
        return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"" + id + "\"}}";
    }

    private static String error(int code, String message) {
        return "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
                + "\"}],\"messages\":[],\"result\":null}";
    }

    private static CloudflareException purgeFails(CloudflareClient client) {
        return assertThrows(
                CloudflareException.class,
                () -> client.purge(ZONE, PurgeScope.Kind.URLS, List.of(PurgeItem.of("https://www.example.com/a.css"))));
    }

    private static void assertNoToken(CloudflareException e) {
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertFalse(e.toString().contains(TOKEN), e.toString());
        assertFalse(String.valueOf(e.errors()).contains(TOKEN));
    }

    @Test
    void purgesUrlsWithBearerTokenAndTheFilesBody() throws Exception {
        answer(200, accepted("req-1"));
        String id = client().purge(
                        ZONE,
                        PurgeScope.Kind.URLS,
                        List.of(
                                PurgeItem.of("https://www.example.com/css/site.css"),
                                PurgeItem.of("https://www.example.com/js/app.js")));
        assertEquals("req-1", id);
        cloudflare.verify(
                1,
                postRequestedFor(urlEqualTo(PURGE_PATH))
                        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                        .withHeader("Content-Type", equalTo("application/json"))
                        .withRequestBody(
                                equalToJson(
                                        "{\"files\":[\"https://www.example.com/css/site.css\",\"https://www.example.com/js/app.js\"]}")));
    }

    @Test
    void urlsWithCacheKeyHeadersUseTheObjectForm() throws Exception {
        answer(200, accepted("req-2"));
        client().purge(
                        ZONE,
                        PurgeScope.Kind.URLS,
                        List.of(
                                PurgeItem.of("https://www.example.com/a.css"),
                                new PurgeItem(
                                        "https://www.example.com/a.css",
                                        Map.of("CF-Device-Type", "mobile", "Accept-Language", "de"))));
        cloudflare.verify(
                postRequestedFor(urlEqualTo(PURGE_PATH))
                        // The exact bytes: every item an object, in order, headers sorted; no mixed list.
                        .withRequestBody(
                                equalTo(
                                        "{\"files\":[{\"url\":\"https://www.example.com/a.css\"},{\"url\":\"https://www.example.com/a.css\",\"headers\":{\"Accept-Language\":\"de\",\"CF-Device-Type\":\"mobile\"}}]}")));
    }

    @Test
    void aRequestWithoutCacheKeyHeadersKeepsThePlainStrings() throws Exception {
        answer(200, accepted("req-2b"));
        client().purge(
                        ZONE,
                        PurgeScope.Kind.URLS,
                        List.of(
                                PurgeItem.of("https://www.example.com/a.css"),
                                PurgeItem.of("https://www.example.com/b.css")));
        cloudflare.verify(postRequestedFor(urlEqualTo(PURGE_PATH))
                .withRequestBody(
                        equalTo("{\"files\":[\"https://www.example.com/a.css\",\"https://www.example.com/b.css\"]}")));
    }

    @Test
    void everyRequestNamesThePluginAndItsVersion() throws Exception {
        CloudflareClient client = new CloudflareClient(
                CloudflareClient.newHttpClient(Duration.ofSeconds(2)),
                URI.create(cloudflare.baseUrl() + "/client/v4"),
                ApiToken.of(TOKEN),
                Duration.ofSeconds(5),
                CloudflareClient.userAgent("1.2.3"));
        answer(200, accepted("req-ua"));
        cloudflare.stubFor(get(urlEqualTo("/client/v4/user/tokens/verify"))
                .willReturn(
                        okJson("{\"success\":true,\"errors\":[],\"result\":{\"id\":\"t\",\"status\":\"active\"}}")));
        cloudflare.stubFor(get(urlEqualTo("/client/v4/zones?name=example.com"))
                .willReturn(okJson("{\"success\":true,\"errors\":[],\"result\":[]}")));
        client.purge(ZONE, PurgeScope.Kind.EVERYTHING, List.of());
        client.verifyToken();
        client.findZone("example.com");
        cloudflare.verify(
                3,
                com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                                com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                        .withHeader("User-Agent", equalTo("cloudflare-purge-jenkins-plugin/1.2.3")));
    }

    @Test
    void theUserAgentSaysWhenTheVersionIsUnknownAndCarriesNoOddCharacters() {
        assertEquals("cloudflare-purge-jenkins-plugin/unknown", CloudflareClient.userAgent(null));
        assertEquals("cloudflare-purge-jenkins-plugin/unknown", CloudflareClient.userAgent(" "));
        assertEquals(
                "cloudflare-purge-jenkins-plugin/1.4-rc123.abc_def", CloudflareClient.userAgent("1.4-rc123.abc def"));
    }

    @Test
    void purgeEverythingSendsOnlyThatFlag() throws Exception {
        answer(200, accepted("req-3"));
        client().purge(ZONE, PurgeScope.Kind.EVERYTHING, List.of(PurgeItem.of("ignored")));
        cloudflare.verify(
                postRequestedFor(urlEqualTo(PURGE_PATH)).withRequestBody(equalToJson("{\"purge_everything\":true}")));
    }

    static Stream<Arguments> valueKinds() {
        return Stream.of(
                Arguments.of(PurgeScope.Kind.TAGS, "release-42", "{\"tags\":[\"release-42\"]}"),
                Arguments.of(PurgeScope.Kind.HOSTS, "www.example.com", "{\"hosts\":[\"www.example.com\"]}"),
                Arguments.of(
                        PurgeScope.Kind.PREFIXES,
                        "www.example.com/assets",
                        "{\"prefixes\":[\"www.example.com/assets\"]}"));
    }

    @ParameterizedTest
    @MethodSource("valueKinds")
    void tagsHostsAndPrefixesEachHaveTheirField(PurgeScope.Kind kind, String value, String body) throws Exception {
        answer(200, accepted("req-4"));
        client().purge(ZONE, kind, List.of(PurgeItem.of(value)));
        cloudflare.verify(postRequestedFor(urlEqualTo(PURGE_PATH)).withRequestBody(equalToJson(body)));
    }

    @Test
    void verifiesAToken() throws Exception {
        cloudflare.stubFor(
                get(urlEqualTo("/client/v4/user/tokens/verify"))
                        .willReturn(
                                okJson(
                                        "{\"success\":true,\"errors\":[],\"messages\":[{\"code\":10000,\"message\":\"This API Token is valid and active\"}],\"result\":{\"id\":\"tok-id\",\"status\":\"active\"}}")));
        TokenStatus status = client().verifyToken();
        assertEquals(new TokenStatus("tok-id", "active", Optional.empty()), status);
        assertTrue(status.isActive());
        cloudflare.verify(getRequestedFor(urlEqualTo("/client/v4/user/tokens/verify"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void anExpiredTokenVerifiesButIsNotActive() throws Exception {
        cloudflare.stubFor(
                get(urlEqualTo("/client/v4/user/tokens/verify"))
                        .willReturn(
                                okJson(
                                        "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"tok-id\",\"status\":\"expired\"}}")));
        assertFalse(client().verifyToken().isActive());
    }

    @Test
    void anInvalidTokenFailsVerificationWithAuthenticationAdvice() {
        cloudflare.stubFor(get(urlEqualTo("/client/v4/user/tokens/verify"))
                .willReturn(aResponse().withStatus(401).withBody(error(1000, "Invalid API Token"))));
        CloudflareException e = assertThrows(CloudflareException.class, () -> client().verifyToken());
        assertEquals(FailureKind.AUTHENTICATION, e.kind());
        assertTrue(e.getMessage().contains("invalid or expired, or it is owned by an account"), e.getMessage());
        assertNoToken(e);
    }

    @Test
    void findsAZoneByName() throws Exception {
        cloudflare.stubFor(get(urlEqualTo("/client/v4/zones?name=example.com"))
                .willReturn(okJson("{\"success\":true,\"errors\":[],\"result\":[{\"id\":\"" + ZONE
                        + "\",\"name\":\"example.com\",\"status\":\"active\"}]}")));
        assertEquals(Optional.of(new Zone(ZONE, "example.com", "active")), client().findZone("example.com"));
    }

    @Test
    void theVerificationReadsTheExpiryDate() throws Exception {
        cloudflare.stubFor(get(urlEqualTo("/client/v4/user/tokens/verify"))
                .willReturn(okJson("{\"success\":true,\"errors\":[],\"result\":{\"id\":\"tok-id\","
                        + "\"status\":\"active\",\"not_before\":\"2026-01-01T00:00:00Z\","
                        + "\"expires_on\":\"2027-01-15T12:00:00Z\"}}")));
        assertEquals(
                Optional.of(java.time.Instant.parse("2027-01-15T12:00:00Z")),
                client().verifyToken().expiresOn());
    }

    @Test
    void aZoneErrorOfTheVerificationIsAboutTheAddressNotAZone() {
        cloudflare.stubFor(
                get(urlEqualTo("/client/v4/user/tokens/verify"))
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withBody(
                                                error(
                                                        7003,
                                                        "Could not route to /user/tokens/verify, perhaps your object identifier is invalid?"))));
        CloudflareException e = assertThrows(CloudflareException.class, () -> client().verifyToken());
        assertEquals(FailureKind.CLIENT_ERROR, e.kind());
        assertTrue(
                e.getMessage().startsWith("Cloudflare could not route the token verification (HTTP 400, error 7003"),
                e.getMessage());
        assertTrue(e.getMessage().contains("check the API base URL"), e.getMessage());
    }

    @Test
    void aFailedVerificationIsNotSaidToBeRetried() {
        cloudflare.stubFor(get(urlEqualTo("/client/v4/user/tokens/verify"))
                .willReturn(aResponse().withStatus(503).withBody(error(10013, "Service unavailable"))));
        CloudflareException e = assertThrows(CloudflareException.class, () -> client().verifyToken());
        assertEquals(
                "Cloudflare's API failed on the token verification (HTTP 503, error 10013 \"Service unavailable\");"
                        + " try again in a few minutes.",
                e.getMessage());
    }

    @Test
    void aZoneLookupWithoutZoneReadSaysWhichPermission() {
        cloudflare.stubFor(get(urlEqualTo("/client/v4/zones?name=example.com"))
                .willReturn(aResponse().withStatus(403).withBody(error(10000, "Authentication error"))));
        CloudflareException e = assertThrows(CloudflareException.class, () -> client().findZone(" example.com "));
        assertEquals(FailureKind.AUTHENTICATION, e.kind());
        assertTrue(
                e.getMessage().startsWith("Cloudflare refused the lookup of the zone named example.com (HTTP 403"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Zone > Zone > Read"), e.getMessage());
    }

    @Test
    void anUnknownZoneNameIsEmpty() throws Exception {
        cloudflare.stubFor(get(urlEqualTo("/client/v4/zones?name=nothing.example"))
                .willReturn(okJson("{\"success\":true,\"errors\":[],\"result\":[]}")));
        assertEquals(Optional.empty(), client().findZone("nothing.example"));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(
                        403, error(10000, "Authentication error"), FailureKind.AUTHENTICATION, "Cache Purge", false),
                Arguments.of(
                        400,
                        error(6003, "Invalid request headers"),
                        FailureKind.WRONG_CREDENTIAL_TYPE,
                        "not the Global API Key",
                        false),
                Arguments.of(
                        400,
                        error(6103, "Invalid format for X-Auth-Key header"),
                        FailureKind.WRONG_CREDENTIAL_TYPE,
                        "API token",
                        false),
                Arguments.of(
                        400,
                        error(6111, "Invalid format for Authorization header"),
                        FailureKind.WRONG_CREDENTIAL_TYPE,
                        "API token",
                        false),
                Arguments.of(
                        400,
                        error(
                                7003,
                                "Could not route to /zones/x/purge_cache, perhaps your object identifier is invalid?"),
                        FailureKind.ZONE_NOT_FOUND,
                        "zone " + ZONE,
                        false),
                Arguments.of(
                        403,
                        error(1095, "You do not have access to this zone"),
                        FailureKind.ZONE_NOT_FOUND,
                        "Overview page",
                        false),
                Arguments.of(
                        400,
                        error(1094, "You've exceeded the max number of files (30) per request"),
                        FailureKind.TOO_MANY_ITEMS,
                        "split",
                        false),
                Arguments.of(
                        400,
                        error(1234, "Too many files in this purge request"),
                        FailureKind.TOO_MANY_ITEMS,
                        "split",
                        false),
                Arguments.of(
                        400,
                        error(1012, "Request must contain one of purge_everything, files, tags, hosts or prefixes"),
                        FailureKind.MALFORMED_REQUEST,
                        "defect",
                        false),
                Arguments.of(
                        400, error(1014, "Value must be an array"), FailureKind.MALFORMED_REQUEST, "defect", false),
                Arguments.of(
                        400,
                        error(1092, "purge_everything cannot be combined"),
                        FailureKind.MALFORMED_REQUEST,
                        "defect",
                        false),
                Arguments.of(400, error(1100, "tag too long"), FailureKind.ITEM_REJECTED, "tag too long", false),
                Arguments.of(
                        429,
                        error(971, "Please wait and consider throttling your request speed"),
                        FailureKind.RATE_LIMITED,
                        "rate limit",
                        true),
                Arguments.of(
                        400,
                        error(971, "Please wait and consider throttling your request speed"),
                        FailureKind.RATE_LIMITED,
                        "rate limit",
                        true),
                Arguments.of(503, error(10013, "Service unavailable"), FailureKind.SERVER_ERROR, "HTTP 503", true),
                Arguments.of(502, "<html><body>Bad gateway</body></html>", FailureKind.SERVER_ERROR, "HTTP 502", true),
                Arguments.of(200, "{\"success\": tr", FailureKind.BAD_RESPONSE, "not the JSON", true),
                Arguments.of(200, "", FailureKind.BAD_RESPONSE, "an empty body", true),
                Arguments.of(200, "{\"result\":{}}", FailureKind.BAD_RESPONSE, "'success'", true),
                Arguments.of(
                        200,
                        "{\"success\":false,\"errors\":[],\"result\":null}",
                        FailureKind.BAD_RESPONSE,
                        "without saying why",
                        true),
                Arguments.of(
                        400,
                        "{\"success\":false,\"errors\":[],\"result\":null}",
                        FailureKind.CLIENT_ERROR,
                        "(HTTP 400) without an error code; it is not retried: if a proxy",
                        false),
                Arguments.of(
                        404,
                        "{\"success\":false,\"errors\":[]}",
                        FailureKind.CLIENT_ERROR,
                        "(HTTP 404) without an error code; it is not retried: check the API base URL",
                        false),
                Arguments.of(
                        422,
                        "{\"success\":false,\"errors\":[],\"messages\":[]}",
                        FailureKind.CLIENT_ERROR,
                        "Cloudflare refused the purge request (HTTP 422)",
                        false),
                Arguments.of(
                        301,
                        "",
                        FailureKind.CLIENT_ERROR,
                        "(HTTP 301) with an empty body; it is not retried: check the API base URL",
                        false),
                Arguments.of(
                        400,
                        "<html>proxy says no</html>",
                        FailureKind.CLIENT_ERROR,
                        "with \"<html>proxy says no</html>\"; it is not retried",
                        false),
                Arguments.of(
                        400,
                        error(99999, "A brand-new error Cloudflare invented"),
                        FailureKind.UNKNOWN,
                        "error 99999: A brand-new error Cloudflare invented",
                        false),
                Arguments.of(
                        401,
                        "{\"success\":false,\"errors\":[]}",
                        FailureKind.AUTHENTICATION,
                        "invalid, expired",
                        false));
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}")
    @MethodSource("failures")
    void everyFailureIsTypedAndActionable(int status, String body, FailureKind kind, String advice, boolean retryable) {
        answer(status, body);
        CloudflareException e = purgeFails(client());
        assertEquals(kind, e.kind());
        assertEquals(status, e.httpStatus());
        assertEquals(retryable, e.retryable());
        assertTrue(e.getMessage().contains(advice), e.getMessage());
        assertNoToken(e);
    }

    @Test
    void cloudflareErrorCodesAndMessagesAreKept() {
        answer(400, error(1094, "You've exceeded the max number of files (30) per request"));
        CloudflareException e = purgeFails(client());
        assertEquals(
                List.of(new ApiError(1094, "You've exceeded the max number of files (30) per request")), e.errors());
    }

    @Test
    void rateLimitedAnswersCarryRetryAfter() {
        cloudflare.stubFor(post(urlEqualTo(PURGE_PATH))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "7")
                        .withBody(error(971, "Please wait"))));
        CloudflareException e = purgeFails(client());
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
    }

    @Test
    void aTokenEchoedByAnAnswerIsRedacted() {
        answer(400, error(99998, "Header was Bearer " + TOKEN));
        CloudflareException e = purgeFails(client());
        assertTrue(e.getMessage().contains("Bearer ****"), e.getMessage());
        assertNoToken(e);
    }

    @Test
    void aSlowAnswerIsATimeout() {
        cloudflare.stubFor(
                post(urlEqualTo(PURGE_PATH)).willReturn(okJson(accepted("late")).withFixedDelay(1500)));
        CloudflareException e = purgeFails(client(Duration.ofMillis(200)));
        assertEquals(FailureKind.TIMEOUT, e.kind());
        assertEquals(0, e.httpStatus());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("request timeout"), e.getMessage());
        assertNoToken(e);
    }

    @Test
    void aRefusedConnectionIsAConnectionFailure() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CloudflareClient client = new CloudflareClient(
                CloudflareClient.newHttpClient(Duration.ofSeconds(2)),
                URI.create("http://127.0.0.1:" + port + "/client/v4"),
                ApiToken.of(TOKEN),
                Duration.ofSeconds(2));
        CloudflareException e = client.purgeAsync(
                        ZONE, PurgeScope.Kind.URLS, List.of(PurgeItem.of("https://www.example.com/a.css")))
                .join()
                .failure()
                .orElseThrow();
        assertEquals(FailureKind.CONNECTION, e.kind());
        assertTrue(e.retryable());
        assertTrue(e.getMessage().contains("proxy settings; the request is retried."), e.getMessage());
        assertTrue(e.getMessage().contains("(connection refused or unreachable)"), e.getMessage());
        assertNoToken(e);
        // The one-shot purge (Test connection) is sent once: its sentence must not promise a retry.
        CloudflareException once = purgeFails(client);
        assertEquals(FailureKind.CONNECTION, once.kind());
        assertFalse(once.getMessage().contains("retried"), once.getMessage());
        assertTrue(once.getMessage().contains("proxy settings; try again in a few minutes."), once.getMessage());
        CloudflareException verification = assertThrows(CloudflareException.class, client::verifyToken);
        assertEquals(FailureKind.CONNECTION, verification.kind());
        assertTrue(
                verification.getMessage().endsWith("proxy settings; try again in a few minutes."),
                verification.getMessage());
    }

    @Test
    void aZoneNameIsRefusedBeforeAnyRequest() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> client().purge("example.com", PurgeScope.Kind.EVERYTHING, List.of()));
        assertTrue(e.getMessage().contains("zone name"));
        assertEquals(0, cloudflare.getAllServeEvents().size());
    }

    @Test
    void aBaseUrlMustBeHttp() {
        assertThrows(
                InvalidInputException.class,
                () -> new CloudflareClient(
                        CloudflareClient.newHttpClient(Duration.ofSeconds(1)),
                        URI.create("file:///etc/passwd"),
                        ApiToken.of(TOKEN),
                        Duration.ofSeconds(1)));
    }

    @Test
    void theClientsTextNamesNoToken() {
        assertFalse(client().toString().contains(TOKEN));
        assertEquals("CloudflareClient[" + cloudflare.baseUrl() + "/client/v4]", client().toString());
    }

    @Test
    void aTrailingSlashOfTheBaseUrlIsDropped() throws Exception {
        answer(200, accepted("req-slash"));
        CloudflareClient client = new CloudflareClient(
                CloudflareClient.newHttpClient(Duration.ofSeconds(2)),
                URI.create(cloudflare.baseUrl() + "/client/v4/"),
                ApiToken.of(TOKEN),
                Duration.ofSeconds(3));
        assertEquals("req-slash", client.purge(ZONE, PurgeScope.Kind.EVERYTHING, List.of()));
        assertEquals(Duration.ofSeconds(3), client.requestTimeout());
        assertEquals(ApiToken.of(TOKEN).fingerprint(), client.token().fingerprint());
    }

    @Test
    void onlyA2xxAnswerIsASuccess() {
        answer(300, accepted("not-really"));
        assertEquals(FailureKind.CLIENT_ERROR, purgeFails(client()).kind());
    }

    @Test
    void anAsynchronousPurgeCompletesWithAReceipt() throws Exception {
        answer(200, accepted("req-async"));
        PurgeReceipt ok =
                client().purgeAsync(ZONE, PurgeScope.Kind.EVERYTHING, List.of()).get();
        assertTrue(ok.isAccepted());
        assertEquals("req-async", ok.requestId());
        answer(503, error(10013, "Service unavailable"));
        PurgeReceipt failed =
                client().purgeAsync(ZONE, PurgeScope.Kind.EVERYTHING, List.of()).get();
        assertFalse(failed.isAccepted());
        assertEquals("", failed.requestId());
        assertEquals(FailureKind.SERVER_ERROR, failed.failure().orElseThrow().kind());
    }

    @Test
    void anyItemWithHeadersMakesEveryItemOfItsRequestAnObject() {
        PurgeItem plain = PurgeItem.of("https://www.example.com/a.css");
        PurgeItem mobile = new PurgeItem("https://www.example.com/a.css", Map.of("CF-Device-Type", "mobile"));
        assertEquals(
                "{\"files\":[{\"url\":\"https://www.example.com/a.css\",\"headers\":{\"CF-Device-Type\":\"mobile\"}},"
                        + "{\"url\":\"https://www.example.com/a.css\"}]}",
                new String(
                        CloudflareClient.purgeBody(PurgeScope.Kind.URLS, List.of(mobile, plain)),
                        java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(
                "{\"files\":[\"https://www.example.com/a.css\"]}",
                new String(
                        CloudflareClient.purgeBody(PurgeScope.Kind.URLS, List.of(plain)),
                        java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(
                "{\"tags\":[\"t\"]}",
                new String(
                        CloudflareClient.purgeBody(PurgeScope.Kind.TAGS, List.of(PurgeItem.of("t"))),
                        java.nio.charset.StandardCharsets.UTF_8));
    }
}
