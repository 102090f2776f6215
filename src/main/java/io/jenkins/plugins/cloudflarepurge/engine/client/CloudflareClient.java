package io.jenkins.plugins.cloudflarepurge.engine.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Cloudflare's API v4 as this plugin uses it: purge the cache of a zone, verify a token, find a zone by name.
 * Bearer-token authentication only. Answers become values ({@link PurgeReceipt}) or a
 * {@link CloudflareException} that says what to do; the token appears in neither.
 */
public final class CloudflareClient {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.cloudflare.com/client/v4");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** The product name of the {@code User-Agent} header, as Cloudflare's SDKs name themselves. */
    public static final String USER_AGENT_PRODUCT = "cloudflare-purge-jenkins-plugin";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final ApiToken token;
    private final Duration requestTimeout;
    private final String userAgent;

    /**
     * A client whose {@code User-Agent} has no version, for use outside Jenkins (tests, benchmarks).
     *
     * @see #CloudflareClient(HttpClient, URI, ApiToken, Duration, String)
     */
    public CloudflareClient(HttpClient http, URI baseUrl, ApiToken token, Duration requestTimeout) {
        this(http, baseUrl, token, requestTimeout, userAgent(null));
    }

    /**
     * @param http the HTTP client; in Jenkins the controller's proxy-aware one, which also sets the connect timeout
     * @param baseUrl the API's base, {@link #DEFAULT_BASE_URL} unless an administrator changed it
     * @param requestTimeout how long one request may take before it counts as timed out
     * @param userAgent the {@code User-Agent} of every request, see {@link #userAgent(String)}
     */
    public CloudflareClient(HttpClient http, URI baseUrl, ApiToken token, Duration requestTimeout, String userAgent) {
        String base = baseUrl.toString();
        if (!base.startsWith("https://") && !base.startsWith("http://")) {
            throw new InvalidInputException(
                    "API base URL",
                    "The Cloudflare API base URL '" + base
                            + "' must start with https:// (http:// only for local tests).");
        }
        this.http = http;
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.requestTimeout = requestTimeout;
        this.userAgent = userAgent;
    }

    /**
     * The {@code User-Agent} naming this plugin and its version: {@code cloudflare-purge-jenkins-plugin/1.2.3}.
     *
     * @param version the plugin's version; blank or null when unknown (outside Jenkins)
     */
    public static String userAgent(@CheckForNull String version) {
        String v = version == null ? "" : version.strip();
        return USER_AGENT_PRODUCT + "/" + (v.isEmpty() ? "unknown" : v.replaceAll("[^A-Za-z0-9._+~-]", "_"));
    }

    /** A plain HTTP client with the given connect timeout, for use outside Jenkins (tests, benchmarks). */
    public static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public ApiToken token() {
        return token;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Sends one purge request. The future always completes normally, with the receipt; it completes
     * exceptionally only when cancelled.
     *
     * @param items the URLs, tags, hosts or prefixes; ignored for {@link PurgeScope.Kind#EVERYTHING}
     */
    public CompletableFuture<PurgeReceipt> purgeAsync(String zoneId, PurgeScope.Kind kind, List<PurgeItem> items) {
        String zone = PurgeInputs.checkZoneId(zoneId);
        return purgeAsync(zone, kind, items, FailureClassifier.purge(zone));
    }

    private CompletableFuture<PurgeReceipt> purgeAsync(
            String zone, PurgeScope.Kind kind, List<PurgeItem> items, FailureClassifier classifier) {
        HttpRequest request = newRequest("/zones/" + zone + "/purge_cache")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(purgeBody(kind, items)))
                .build();
        CompletableFuture<HttpResponse<String>> exchange =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        CompletableFuture<PurgeReceipt> receipt = exchange.handle((response, error) -> {
            try {
                if (error != null) {
                    throw transportFailure(error, classifier);
                }
                JsonNode body = successBody(response, classifier);
                return PurgeReceipt.accepted(body.path("result").path("id").asText(""))
                        .withRateLimit(RateLimitHeaders.status(response.headers()));
            } catch (CloudflareException e) {
                return PurgeReceipt.failed(e)
                        .withRateLimit(
                                response == null ? Optional.empty() : RateLimitHeaders.status(response.headers()));
            }
        });
        // Cancelling the receipt (an aborted build) cancels the HTTP exchange too, which a dependent future does not.
        receipt.whenComplete((r, e) -> {
            if (receipt.isCancelled()) {
                exchange.cancel(true);
            }
        });
        return receipt;
    }

    /**
     * Sends one purge request, once, and waits for its answer; returns Cloudflare's request id. Nothing retries it,
     * and its failures say so (Test connection); a build's purges go through {@link #purgeAsync}.
     */
    public String purge(String zoneId, PurgeScope.Kind kind, List<PurgeItem> items)
            throws CloudflareException, InterruptedException {
        String zone = PurgeInputs.checkZoneId(zoneId);
        PurgeReceipt receipt = await(purgeAsync(zone, kind, items, FailureClassifier.oneShotPurge(zone)));
        if (receipt.failure().isPresent()) {
            throw receipt.failure().get();
        }
        return receipt.requestId();
    }

    /**
     * Asks Cloudflare whether the token is valid ({@code GET /user/tokens/verify}). Only user-owned tokens verify
     * there; an account-owned token fails with an authentication error although it may purge.
     */
    public TokenStatus verifyToken() throws CloudflareException, InterruptedException {
        JsonNode body = get("/user/tokens/verify", FailureClassifier.tokenVerification());
        JsonNode result = body.path("result");
        return new TokenStatus(
                result.path("id").asText(""),
                result.path("status").asText("unknown"),
                TokenStatus.instant(result.path("expires_on").asText("")));
    }

    /** Finds a zone by its name ({@code GET /zones?name=}); needs the Zone Read permission. */
    public Optional<Zone> findZone(String name) throws CloudflareException, InterruptedException {
        String query = URLEncoder.encode(name.strip(), StandardCharsets.UTF_8);
        JsonNode body = get("/zones?name=" + query, FailureClassifier.zoneLookup(name.strip()));
        for (JsonNode zone : body.path("result")) {
            return Optional.of(new Zone(
                    zone.path("id").asText(""),
                    zone.path("name").asText(""),
                    zone.path("status").asText("")));
        }
        return Optional.empty();
    }

    /**
     * Reads a zone's plan ({@code GET /zones/{zone_id}}); needs the Zone Read permission, which a purge-only token
     * lacks (then a {@link CloudflareException} says so).
     */
    public ZonePlan zonePlan(String zoneId) throws CloudflareException, InterruptedException {
        String zone = PurgeInputs.checkZoneId(zoneId);
        JsonNode plan = get("/zones/" + zone, FailureClassifier.zoneRead(zone))
                .path("result")
                .path("plan");
        return new ZonePlan(
                plan.path("id").asText(""),
                plan.path("name").asText(""),
                plan.path("legacy_id").asText(""));
    }

    /**
     * The JSON body of a purge request of one kind. Cloudflare's schema takes {@code files} as all strings or all
     * {@code {url, headers}} objects, never a mix: when any URL has cache-key headers, every URL is an object.
     */
    static byte[] purgeBody(PurgeScope.Kind kind, List<PurgeItem> items) {
        ObjectNode body = JSON.createObjectNode();
        if (kind == PurgeScope.Kind.EVERYTHING) {
            body.put(kind.jsonField(), true);
        } else {
            ArrayNode array = body.putArray(kind.jsonField());
            boolean objects = kind == PurgeScope.Kind.URLS && items.stream().anyMatch(PurgeItem::hasHeaders);
            for (PurgeItem item : items) {
                if (objects) {
                    ObjectNode file = array.addObject();
                    file.put("url", item.value());
                    if (item.hasHeaders()) {
                        ObjectNode headers = file.putObject("headers");
                        for (Map.Entry<String, String> h : item.headers().entrySet()) {
                            headers.put(h.getKey(), h.getValue());
                        }
                    }
                } else {
                    array.add(item.value());
                }
            }
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of strings always serialises", e);
        }
    }

    private JsonNode get(String path, FailureClassifier classifier) throws CloudflareException, InterruptedException {
        HttpRequest request = newRequest(path).GET().build();
        CompletableFuture<HttpResponse<String>> answer =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = answer.get();
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw transportFailure(e.getCause(), classifier);
        }
        return successBody(response, classifier);
    }

    private HttpRequest.Builder newRequest(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Authorization", token.authorizationHeader())
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
    }

    /** The parsed body of a successful answer, or the failure it stands for. */
    private JsonNode successBody(HttpResponse<String> response, FailureClassifier classifier)
            throws CloudflareException {
        String raw = token.redact(response.body() == null ? "" : response.body());
        JsonNode body = parse(raw);
        int status = response.statusCode();
        boolean ok = status >= 200 && status < 300;
        if (ok && body != null && body.path("success").asBoolean(false)) {
            return body;
        }
        if (ok && body != null && !body.has("success")) {
            throw classifier.missingSuccessField(status, raw);
        }
        throw classifier.classify(status, body, raw, RateLimitHeaders.retryAfter(response.headers()));
    }

    @CheckForNull
    private static JsonNode parse(String raw) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(raw);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private CloudflareException transportFailure(Throwable error, FailureClassifier classifier) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpConnectTimeoutException) {
            return new CloudflareException(
                    FailureKind.CONNECTION,
                    0,
                    List.of(),
                    null,
                    "Could not connect to " + baseUrl
                            + " within the connect timeout. Check the Jenkins controller's network and proxy settings"
                            + classifier.whatNext());
        }
        if (cause instanceof HttpTimeoutException) {
            return new CloudflareException(
                    FailureKind.TIMEOUT,
                    0,
                    List.of(),
                    null,
                    "No answer from Cloudflare to " + classifier.request() + " within " + requestTimeout.toSeconds()
                            + " s (the request timeout)" + classifier.whatNext());
        }
        String detail = cause instanceof ConnectException
                ? "connection refused or unreachable"
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new CloudflareException(
                FailureKind.CONNECTION,
                0,
                List.of(),
                null,
                token.redact("Could not reach " + baseUrl + " (" + detail
                        + "). Check the Jenkins controller's network and proxy settings" + classifier.whatNext()));
    }

    private static PurgeReceipt await(CompletableFuture<PurgeReceipt> future) throws InterruptedException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException | CancellationException e) {
            throw new IllegalStateException("A purge future completes with a receipt", e);
        }
    }

    @Override
    public String toString() {
        return "CloudflareClient[" + baseUrl + "]";
    }
}
