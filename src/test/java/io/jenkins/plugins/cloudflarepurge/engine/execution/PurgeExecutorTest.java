package io.jenkins.plugins.cloudflarepurge.engine.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PurgeExecutorTest {

    static final String TOKEN = "cf-EXEC-token-abcdef0123456789";
    static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    static final String PATH = "/client/v4/zones/" + ZONE + "/purge_cache";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension cloudflare = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final ManualClock clock = new ManualClock();
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());

    private static String accepted(String id) {
        return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"" + id + "\"}}";
    }

    private static String error(int code, String message) {
        return "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
                + "\"}],\"messages\":[],\"result\":null}";
    }

    private static CloudflareClient client(Duration timeout) {
        return new CloudflareClient(
                CloudflareClient.newHttpClient(Duration.ofSeconds(2)),
                URI.create(cloudflare.baseUrl() + "/client/v4"),
                ApiToken.of(TOKEN),
                timeout);
    }

    private PurgeExecutor executor(PurgeLimits limits) {
        return executor(limits, new RateBudget(limits, clock), Duration.ofSeconds(5));
    }

    private PurgeExecutor executor(PurgeLimits limits, RateBudget budget, Duration timeout) {
        return new PurgeExecutor(
                client(timeout),
                limits,
                budget,
                clock,
                new RetryDelays(limits.backoffBase(), limits.backoffMax(), () -> 0.5));
    }

    private PurgeResult purge(PurgeExecutor executor, PurgeScope scope) {
        return executor.execute(ZONE, scope, new ConsoleProgress(console::add));
    }

    private static PurgeLimits limits() {
        return PurgeLimits.forPlan(CloudflarePlan.FREE);
    }

    private static List<PurgeItem> urls(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> PurgeItem.of("https://www.example.com/f/" + i + ".css"))
                .toList();
    }

    /** The URLs of every request Cloudflare answered with success, one entry per URL per request. */
    private static List<String> urlsAccepted() throws Exception {
        List<String> urls = new ArrayList<>();
        for (ServeEvent event : cloudflare.getAllServeEvents()) {
            if (event.getResponse().getStatus() == 200
                    && event.getResponse().getBodyAsString().contains("\"success\":true")) {
                for (JsonNode file :
                        JSON.readTree(event.getRequest().getBodyAsString()).path("files")) {
                    urls.add(file.asText());
                }
            }
        }
        return urls;
    }

    /** The sizes of the requests Cloudflare received, in the order received. */
    private static List<Integer> requestSizes() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (ServeEvent event : cloudflare.getAllServeEvents()) {
            sizes.add(JSON.readTree(event.getRequest().getBodyAsString())
                    .path("files")
                    .size());
        }
        Collections.reverse(sizes); // WireMock lists the newest first
        return sizes;
    }

    private void assertNoTokenAnywhere(PurgeResult result) {
        for (String line : console) {
            assertFalse(line.contains(TOKEN), line);
        }
        for (NotPurged n : result.notPurged()) {
            assertFalse(n.reason().contains(TOKEN), n.reason());
        }
        assertFalse(result.toString().contains(TOKEN));
    }

    @Test
    void cutsUrlsIntoRequestsOfTheConfiguredSizeAndPurgesEveryOne() throws Exception {
        cloudflare.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(accepted("id-1"))));
        List<PurgeItem> items = urls(65);
        PurgeLimits thirty = limits().toBuilder().urlsPerRequest(30).build();
        PurgeResult result = purge(executor(thirty), PurgeScope.urls(items));
        assertEquals(Verdict.SUCCESS, result.verdict());
        assertEquals(new HashSet<>(items), new HashSet<>(result.purged()));
        assertEquals(65, result.purged().size());
        assertEquals(3, result.requestsSent());
        assertEquals(
                List.of(30, 30, 5),
                requestSizes().stream().sorted(Collections.reverseOrder()).toList());
        assertEquals(List.of("id-1", "id-1", "id-1"), result.requestIds());
        assertEquals(
                items.stream().map(PurgeItem::value).sorted().toList(),
                urlsAccepted().stream().sorted().toList());
        assertTrue(console.get(console.size() - 1).contains("Purged 65 URLs (3 requests"), console.toString());
    }

    @Test
    void startsAtThePlansDocumentedSize() throws Exception {
        cloudflare.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(accepted("doc"))));
        PurgeResult result = purge(executor(limits().toBuilder().maxInFlight(1).build()), PurgeScope.urls(urls(250)));
        assertTrue(result.isSuccess());
        assertEquals(List.of(100, 100, 50), requestSizes(), "Free documents 100 URLs per request");
        cloudflare.resetRequests();
        PurgeLimits enterprise = PurgeLimits.forPlan(CloudflarePlan.ENTERPRISE).toBuilder()
                .maxInFlight(1)
                .build();
        assertTrue(purge(executor(enterprise), PurgeScope.urls(urls(1200))).isSuccess());
        assertEquals(List.of(500, 500, 200), requestSizes(), "Enterprise documents 500");
    }

    @Test
    void whileTheDocumentedSizeIsTriedTheOtherRequestsCarryThirty() throws Exception {
        cloudflare.stubFor(
                post(urlEqualTo(PATH)).willReturn(okJson(accepted("p")).withFixedDelay(300)));
        PurgeResult result = purge(executor(limits()), PurgeScope.urls(urls(190)));
        assertTrue(result.isSuccess());
        // The first request tries 100; the others go at once, at the size most accounts take, not waiting for it.
        assertEquals(
                List.of(100, 30, 30, 30),
                requestSizes().stream().sorted(Collections.reverseOrder()).toList());
        assertEquals(4, result.requestsSent());
    }

    @Test
    void tagsGoInRequestsOfAHundred() throws Exception {
        cloudflare.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(accepted("t"))));
        List<String> tags = IntStream.range(0, 250).mapToObj(i -> "tag-" + i).toList();
        PurgeResult result = purge(executor(limits()), PurgeScope.of(PurgeScope.Kind.TAGS, tags));
        assertTrue(result.isSuccess());
        assertEquals(3, result.requestsSent());
        List<Integer> sizes = new ArrayList<>();
        for (ServeEvent e : cloudflare.getAllServeEvents()) {
            sizes.add(
                    JSON.readTree(e.getRequest().getBodyAsString()).path("tags").size());
        }
        sizes.sort(Collections.reverseOrder());
        assertEquals(List.of(100, 100, 50), sizes);
    }

    @Test
    void purgeEverythingIsOneRequest() {
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .withRequestBody(equalToJson("{\"purge_everything\":true}"))
                .willReturn(okJson(accepted("all"))));
        PurgeResult result = purge(executor(limits()), PurgeScope.everything());
        assertEquals(Verdict.SUCCESS, result.verdict());
        assertEquals(List.of(PurgeExecutor.EVERYTHING), result.purged());
        assertEquals(List.of("all"), result.requestIds());
        assertEquals(1, result.requestsSent());
    }

    @Test
    void anEmptyScopeSendsNothingAndSucceeds() {
        PurgeResult result = purge(executor(limits()), PurgeScope.urls(List.of()));
        assertEquals(Verdict.SUCCESS, result.verdict());
        assertEquals(0, result.requestsSent());
        assertEquals(0, cloudflare.getAllServeEvents().size());
    }

    @Test
    void rateLimitedThenAcceptedWaitsWhatCloudflareAsks() {
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .inScenario("429")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "7")
                        .withBody(error(971, "Please wait and consider throttling your request speed")))
                .willSetStateTo("ok"));
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .inScenario("429")
                .whenScenarioStateIs("ok")
                .willReturn(okJson(accepted("after-429"))));
        long before = clock.nanoTime();
        PurgeResult result = purge(executor(limits()), PurgeScope.urls(urls(10)));
        assertEquals(Verdict.SUCCESS, result.verdict());
        assertEquals(1, result.retries());
        assertEquals(2, result.requestsSent());
        assertEquals(Duration.ofSeconds(7), result.retryWait());
        assertTrue(clock.nanoTime() - before >= Duration.ofSeconds(7).toNanos(), "the retry waited for Retry-After");
        assertEquals(List.of("after-429"), result.requestIds());
        assertTrue(
                console.stream()
                        .anyMatch(l -> l.contains("will be sent again in 7 s (attempt 2)") && l.contains("rate limit")),
                console.toString());
    }

    @Test
    void serverErrorThenAcceptedIsRetriedWithBackoff() {
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .inScenario("5xx")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("<html>unavailable</html>"))
                .willSetStateTo("ok"));
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .inScenario("5xx")
                .whenScenarioStateIs("ok")
                .willReturn(okJson(accepted("after-503"))));
        PurgeResult result = purge(executor(limits()), PurgeScope.urls(urls(3)));
        assertEquals(Verdict.SUCCESS, result.verdict());
        assertEquals(1, result.retries());
        // base 1 s, first attempt, jitter 0.5: half of 1 s fixed plus a quarter second.
        assertEquals(Duration.ofMillis(750), result.retryWait());
    }

    @Test
    void aTruncatedAnswerIsRetried() {
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .inScenario("cut")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody("{\"success\":tr"))
                .willSetStateTo("ok"));
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .inScenario("cut")
                .whenScenarioStateIs("ok")
                .willReturn(okJson(accepted("whole"))));
        PurgeResult result = purge(executor(limits()), PurgeScope.urls(urls(3)));
        assertEquals(Verdict.SUCCESS, result.verdict());
        assertEquals(1, result.retries());
    }

    @Test
    void retriesExhaustedFailsEveryItemWithTheReason() {
        cloudflare.stubFor(
                post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(502).withBody(error(10013, "Bad gateway"))));
        PurgeResult result = purge(executor(limits().toBuilder().maxAttempts(3).build()), PurgeScope.urls(urls(5)));
        assertEquals(Verdict.FAILED, result.verdict());
        assertEquals(3, result.requestsSent());
        assertEquals(2, result.retries());
        assertEquals(5, result.notPurged().size());
        assertTrue(result.firstFailureReason().contains("Gave up after 3 attempts"), result.firstFailureReason());
        assertTrue(result.firstFailureReason().contains("HTTP 502"), result.firstFailureReason());
        assertFalse(result.firstFailureReason().contains("retried"), "it was not: " + result.firstFailureReason());
        assertTrue(
                console.get(console.size() - 1)
                        .startsWith(ConsoleProgress.PREFIX + "Purge failed: none of 5 URLs purged"),
                console.toString());
        assertNoTokenAnywhere(result);
    }

    @Test
    void aTimeoutIsRetriedThenReported() {
        cloudflare.stubFor(
                post(urlEqualTo(PATH)).willReturn(okJson(accepted("slow")).withFixedDelay(1500)));
        PurgeLimits limits = limits().toBuilder().maxAttempts(2).build();
        PurgeResult result = purge(
                executor(limits, new RateBudget(limits, clock), Duration.ofMillis(200)), PurgeScope.urls(urls(2)));
        assertEquals(Verdict.FAILED, result.verdict());
        assertEquals(2, result.requestsSent());
        assertTrue(result.firstFailureReason().contains("request timeout"), result.firstFailureReason());
        assertFalse(result.firstFailureReason().contains("retried"), "it was not: " + result.firstFailureReason());
    }

    @Test
    void aRetryThatWouldPassTheDeadlineIsNotScheduled() {
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "120")
                        .withBody(error(971, "Please wait"))));
        PurgeResult result = purge(
                executor(limits().toBuilder().deadline(Duration.ofSeconds(60)).build()), PurgeScope.urls(urls(4)));
        assertEquals(Verdict.FAILED, result.verdict());
        assertEquals(1, result.requestsSent());
        assertTrue(
                result.firstFailureReason().contains("would pass the purge's deadline"), result.firstFailureReason());
    }

    @Test
    void tooManyFilesIsSplitAndCompletedWithoutLosingAUrl() throws Exception {
        // This account takes at most 10 URLs per request, whatever the docs say.
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.files[10]"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody(error(1094, "You've exceeded the max number of files (10) per request"))));
        cloudflare.stubFor(post(urlEqualTo(PATH)).atPriority(5).willReturn(okJson(accepted("small"))));
        List<PurgeItem> items = urls(95);
        PurgeResult result = purge(executor(limits()), PurgeScope.urls(items));
        assertEquals(Verdict.SUCCESS, result.verdict(), result.firstFailureReason());
        assertEquals(95, result.purged().size());
        List<String> accepted = urlsAccepted();
        assertEquals(95, accepted.size(), "no URL purged twice");
        assertEquals(
                items.stream().map(PurgeItem::value).collect(java.util.stream.Collectors.toSet()),
                new HashSet<>(accepted),
                "no URL lost");
        assertTrue(result.splits() >= 1);
        assertTrue(console.stream().anyMatch(l -> l.contains("too large for Cloudflare")), console.toString());
    }

    private static void acceptAtMost(int n, String message) {
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.files[" + n + "]"))
                .willReturn(aResponse().withStatus(400).withBody(error(1094, message))));
        cloudflare.stubFor(post(urlEqualTo(PATH)).atPriority(5).willReturn(okJson(accepted("small"))));
    }

    private static long refusals() {
        return cloudflare.getAllServeEvents().stream()
                .filter(e -> e.getResponse().getStatus() == 400)
                .count();
    }

    @Test
    void theSizeCloudflareNamesIsUsedForTheRestOfThePurge() throws Exception {
        acceptAtMost(10, "You've exceeded the max number of files (10) per request");
        PurgeResult result = purge(executor(limits().toBuilder().maxInFlight(1).build()), PurgeScope.urls(urls(95)));
        assertTrue(result.isSuccess());
        // 95 at once is refused; the message names 10, and every later request holds 10 (the last 5).
        assertEquals(1, refusals());
        assertEquals(1, result.splits());
        assertEquals(List.of(95, 10, 10, 10, 10, 10, 10, 10, 10, 10, 5), requestSizes());
    }

    @Test
    void onlyCloudflaresOwnWordsNameTheSizeNotTheHttpStatus() throws Exception {
        // The refusal is an HTTP 400: a size of 400 would be refused again. Enterprise starts at 500.
        acceptAtMost(30, "Purge of 500 files exceeded the limit of 30 files per request");
        PurgeLimits enterprise = PurgeLimits.forPlan(CloudflarePlan.ENTERPRISE).toBuilder()
                .maxInFlight(1)
                .build();
        PurgeResult result = purge(executor(enterprise), PurgeScope.urls(urls(560)));
        assertTrue(result.isSuccess());
        assertEquals(1, refusals());
        assertEquals(500, requestSizes().get(0));
        assertTrue(requestSizes().subList(1, requestSizes().size()).stream().allMatch(n -> n == 30 || n == 20));
    }

    @Test
    void withoutANumberInTheRefusalThirtyIsTriedBeforeHalving() throws Exception {
        acceptAtMost(20, "Too many files in one request");
        PurgeResult result = purge(executor(limits().toBuilder().maxInFlight(1).build()), PurgeScope.urls(urls(100)));
        assertTrue(result.isSuccess());
        assertEquals(100, urlsAccepted().size(), "nothing lost, nothing twice");
        assertEquals(new HashSet<>(urls(100).stream().map(PurgeItem::value).toList()), new HashSet<>(urlsAccepted()));
        // 100 refused, then 30 refused, then 15s.
        assertEquals(List.of(100, 30, 15, 15, 15, 15, 15, 15, 10), requestSizes());
    }

    @Test
    void theLearntSizeIsRememberedPerTokenAndZoneForLaterPurges() throws Exception {
        acceptAtMost(30, "Purge of 100 files exceeded the limit of 30 files per request");
        RequestSizes learnt = new RequestSizes();
        PurgeLimits limits = limits().toBuilder().maxInFlight(1).build();
        PurgeExecutor first = new PurgeExecutor(
                client(Duration.ofSeconds(5)),
                limits,
                new RateBudget(limits, clock),
                clock,
                RetryDelays.of(limits),
                learnt);
        assertTrue(purge(first, PurgeScope.urls(urls(60))).isSuccess());
        assertEquals(List.of(60, 30, 30), requestSizes(), "the first purge pays for the probe");
        assertEquals(30, learnt.learned(ApiToken.of(TOKEN), ZONE).orElseThrow());
        cloudflare.resetRequests();
        PurgeExecutor later = new PurgeExecutor(
                client(Duration.ofSeconds(5)),
                limits,
                new RateBudget(limits, clock),
                clock,
                RetryDelays.of(limits),
                learnt);
        assertTrue(purge(later, PurgeScope.urls(urls(60))).isSuccess());
        assertEquals(List.of(30, 30), requestSizes(), "a later purge starts at the learnt size");
        assertTrue(learnt.learned(ApiToken.of(TOKEN), "ffffffffffffffffffffffffffffffff")
                .isEmpty());
        assertTrue(learnt.learned(ApiToken.of("another-token-0123456789"), ZONE).isEmpty());
    }

    @Test
    void aSingleUrlThatIsStillTooManyFailsAlone() {
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody(error(1094, "You've exceeded the max number of files (0) per request"))));
        PurgeResult result = purge(executor(limits()), PurgeScope.urls(urls(2)));
        assertEquals(Verdict.FAILED, result.verdict());
        assertEquals(2, result.notPurged().size());
        assertEquals(3, result.requestsSent(), "one request of two, then two of one");
    }

    @Test
    void anAuthenticationFailureStopsThePurgeAtTheFirstRequest() {
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse().withStatus(403).withBody(error(10000, "Authentication error"))));
        PurgeLimits limits = limits().toBuilder().maxInFlight(1).build();
        List<String> events = new ArrayList<>();
        PurgeResult result = executor(limits).execute(ZONE, PurgeScope.urls(urls(250)), new PurgeListener() {
            @Override
            public void failed(int request, int items, String reason) {
                events.add("failed " + request + " " + items);
            }

            @Override
            public void notSent(int items, String reason) {
                events.add("not sent " + items);
            }
        });
        assertEquals(Verdict.FAILED, result.verdict());
        assertEquals(1, result.requestsSent());
        assertEquals(250, result.notPurged().size());
        assertEquals(List.of("failed 1 100", "not sent 150"), events, "no request number stands for 'never sent'");
        assertEquals(NotPurged.Status.FAILED, result.notPurged().get(0).status());
        NotPurged last = result.notPurged().get(249);
        assertEquals(NotPurged.Status.NOT_SENT, last.status());
        assertTrue(last.reason().startsWith("Not sent: Cloudflare refused the API token"), last.reason());
        assertNoTokenAnywhere(result);
    }

    @Test
    void anItemRejectionFailsThatRequestOnlyAndTheVerdictIsPartial() {
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.tags[?(@ == 'bad')]"))
                .willReturn(aResponse().withStatus(400).withBody(error(1100, "tag too long"))));
        cloudflare.stubFor(post(urlEqualTo(PATH)).atPriority(5).willReturn(okJson(accepted("ok"))));
        List<String> tags =
                new ArrayList<>(IntStream.range(0, 150).mapToObj(i -> "t" + i).toList());
        tags.add("bad");
        PurgeResult result = purge(executor(limits()), PurgeScope.of(PurgeScope.Kind.TAGS, tags));
        assertEquals(Verdict.PARTIAL, result.verdict());
        assertEquals(100, result.purged().size());
        assertEquals(51, result.notPurged().size());
        assertTrue(
                console.get(console.size() - 1).contains("Purge incomplete: 100 of 151 tags purged, 51 not purged"),
                console.toString());
    }

    @Test
    void urlsArePacedToTheConfiguredRate() {
        cloudflare.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(accepted("paced"))));
        PurgeLimits limits = limits().toBuilder().urlsPerSecond(60).build();
        PurgeResult result = purge(executor(limits), PurgeScope.urls(urls(240)));
        assertTrue(result.isSuccess());
        // What the full budget holds (one second of 60 less the arrival spread: 57) at once, then the other 183 at
        // 99/100 of 60 per second: about 3 s of virtual waiting.
        long atOnce = new RateBudget(limits, clock).urlCapacity();
        assertEquals(57, atOnce);
        assertEquals(
                (240 - atOnce) / (60 * RateBudget.Pacing.DEFAULT.rateShare()),
                result.paceWait().toMillis() / 1000.0,
                0.01);
    }

    @Test
    void twoPurgesOfOneAccountShareOneBudget() {
        cloudflare.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(accepted("shared"))));
        PurgeLimits limits = limits().toBuilder().urlsPerSecond(90).build();
        RateBudget shared = new RateBudget(limits, clock);
        int full = (int) shared.urlCapacity();
        PurgeResult first = purge(executor(limits, shared, Duration.ofSeconds(5)), PurgeScope.urls(urls(full)));
        PurgeResult second = purge(executor(limits, shared, Duration.ofSeconds(5)), PurgeScope.urls(urls(full)));
        PurgeResult separate = purge(
                executor(limits, new RateBudget(limits, clock), Duration.ofSeconds(5)), PurgeScope.urls(urls(full)));
        assertTrue(first.isSuccess() && second.isSuccess() && separate.isSuccess());
        assertEquals(Duration.ZERO, first.paceWait());
        assertEquals(
                full / (90 * RateBudget.Pacing.DEFAULT.rateShare()),
                second.paceWait().toMillis() / 1000.0,
                0.01,
                "the second purge waits for what the first used");
        assertEquals(Duration.ZERO, separate.paceWait());
    }

    @Test
    void aRateLimitPausesTheWholeAccount() {
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .inScenario("pause")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "20")
                        .withBody(error(971, "Please wait")))
                .willSetStateTo("ok"));
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .inScenario("pause")
                .whenScenarioStateIs("ok")
                .willReturn(okJson(accepted("ok"))));
        PurgeLimits limits = limits().toBuilder().maxInFlight(1).build();
        RateBudget shared = new RateBudget(limits, clock);
        List<Long> waitSeenByOthers = new ArrayList<>();
        PurgeResult result = executor(limits, shared, Duration.ofSeconds(5))
                .execute(ZONE, PurgeScope.urls(urls(1)), new PurgeListener() {
                    @Override
                    public void retryScheduled(int request, int items, int nextAttempt, Duration wait, String reason) {
                        // Another purge with the same token asks for a single tag now.
                        waitSeenByOthers.add(shared.tryTake(PurgeScope.Kind.TAGS, 1));
                    }
                });
        assertTrue(result.isSuccess());
        assertEquals(List.of(Duration.ofSeconds(20).toNanos()), waitSeenByOthers);
    }

    @Test
    void severalRequestsAreInFlightAtOnceButNeverMoreThanTheLimit() {
        cloudflare.stubFor(
                post(urlEqualTo(PATH)).willReturn(okJson(accepted("f")).withFixedDelay(200)));
        PurgeLimits limits =
                limits().toBuilder().maxInFlight(4).urlsPerRequest(30).build();
        int[] inFlight = new int[2];
        PurgeResult result = executor(limits).execute(ZONE, PurgeScope.urls(urls(360)), new PurgeListener() {
            @Override
            public void sent(int request, int expected, int items, int attempt) {
                inFlight[0]++;
                inFlight[1] = Math.max(inFlight[1], inFlight[0]);
            }

            @Override
            public void accepted(int request, int expected, int items, String id) {
                inFlight[0]--;
            }
        });
        assertTrue(result.isSuccess());
        assertEquals(12, result.requestsSent());
        assertEquals(4, inFlight[1]);
    }

    @Test
    void cancellationStopsSendingAndReportsExactlyWhatWasPurged() throws Exception {
        cloudflare.stubFor(
                post(urlEqualTo(PATH)).willReturn(okJson(accepted("c")).withFixedDelay(300)));
        PurgeLimits limits = limits().toBuilder().maxInFlight(1).build();
        PurgeExecutor executor = new PurgeExecutor(
                client(Duration.ofSeconds(5)),
                limits,
                new RateBudget(limits, PurgeClock.system()),
                PurgeClock.system(),
                RetryDelays.of(limits));
        List<PurgeItem> items = urls(300);
        CountDownLatch firstAccepted = new CountDownLatch(1);
        AtomicReference<PurgeResult> result = new AtomicReference<>();
        AtomicReference<Boolean> interruptKept = new AtomicReference<>();
        Thread build = new Thread(() -> {
            result.set(executor.execute(ZONE, PurgeScope.urls(items), new PurgeListener() {
                @Override
                public void accepted(int request, int expected, int n, String id) {
                    firstAccepted.countDown();
                }
            }));
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        build.start();
        assertTrue(firstAccepted.await(10, TimeUnit.SECONDS));
        build.interrupt();
        build.join(10_000);
        assertFalse(build.isAlive());
        PurgeResult r = result.get();
        assertEquals(Verdict.CANCELLED, r.verdict());
        assertTrue(interruptKept.get(), "the interrupt is passed on to the caller");
        Set<PurgeItem> purged = new HashSet<>(r.purged());
        Set<PurgeItem> notPurged = new HashSet<>();
        r.notPurged().forEach(n -> notPurged.add(n.item()));
        assertEquals(300, purged.size() + notPurged.size(), "every item is accounted for");
        assertTrue(Collections.disjoint(purged, notPurged));
        assertTrue(r.requestsSent() < 10, "sending stopped: " + r.requestsSent());
        assertEquals(
                new HashSet<>(urlsAccepted()),
                purged.stream().map(PurgeItem::value).collect(java.util.stream.Collectors.toSet()),
                "what the result calls purged is what Cloudflare accepted");
        assertTrue(r.notPurged().stream().allMatch(n -> n.reason().contains("aborted")));
        cloudflare.verify(r.requestsSent(), postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void anAbortReturnsWithinAboutASecondAndSaysWhatMayHaveBeenPurged() throws Exception {
        // Cloudflare takes 20 s to answer; the request timeout is 30 s. Before, an abort waited for the answers.
        cloudflare.stubFor(
                post(urlEqualTo(PATH)).willReturn(okJson(accepted("slow")).withFixedDelay(20_000)));
        PurgeLimits limits =
                limits().toBuilder().maxInFlight(2).urlsPerRequest(30).build();
        PurgeExecutor executor = new PurgeExecutor(
                client(Duration.ofSeconds(30)),
                limits,
                new RateBudget(limits, PurgeClock.system()),
                PurgeClock.system(),
                RetryDelays.of(limits));
        CountDownLatch twoSent = new CountDownLatch(2);
        AtomicReference<PurgeResult> result = new AtomicReference<>();
        List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
        Thread build =
                new Thread(() -> result.set(executor.execute(ZONE, PurgeScope.urls(urls(100)), new PurgeListener() {
                    @Override
                    public void sent(int request, int expected, int items, int attempt) {
                        twoSent.countDown();
                    }

                    @Override
                    public void unanswered(int request, int items, String reason) {
                        unanswered.add(request + ":" + items);
                    }
                })));
        build.start();
        assertTrue(twoSent.await(10, TimeUnit.SECONDS));
        build.interrupt();
        build.join(5_000);
        assertFalse(build.isAlive(), "the abort did not wait for Cloudflare's answers");
        PurgeResult r = result.get();
        assertEquals(Verdict.CANCELLED, r.verdict());
        assertEquals(100, r.notPurged().size());
        assertEquals(2, unanswered.size(), unanswered.toString());
        List<NotPurged> sent = r.notPurged().stream()
                .filter(n -> n.status() == NotPurged.Status.UNANSWERED)
                .toList();
        List<NotPurged> notSent = r.notPurged().stream()
                .filter(n -> n.status() == NotPurged.Status.NOT_SENT)
                .toList();
        assertEquals(60, sent.size());
        assertEquals(40, notSent.size());
        assertTrue(
                sent.get(0).reason().startsWith("Sent, answer not awaited"),
                sent.get(0).reason());
        assertTrue(
                sent.get(0).reason().contains("may or may not have purged"),
                sent.get(0).reason());
        assertTrue(
                notSent.get(0).reason().startsWith("Not sent"), notSent.get(0).reason());
        assertTrue(r.notPurged().stream().noneMatch(n -> n.reason().contains("retried")));
    }

    @Test
    void finalReasonsDropTheClientsPromiseOfARetry() {
        assertEquals(
                "No answer from Cloudflare within 30 s (the request timeout). Gave up after 6 attempts.",
                PurgeExecutor.withoutRetryPromise(
                        "No answer from Cloudflare within 30 s (the request timeout); the request is retried. Gave up"
                                + " after 6 attempts."));
        assertEquals(
                "Cloudflare's rate limit was reached (HTTP 429).",
                PurgeExecutor.withoutRetryPromise("Cloudflare's rate limit was reached (HTTP 429); the request is"
                        + " retried after the wait Cloudflare asks for."));
    }

    @Test
    void theGeneralQuotaCloudflareReportsPacesThePurge() {
        // Every answer says 10 requests are left in a window that resets in 100 s: someone else spends the token too.
        cloudflare.stubFor(post(urlEqualTo(PATH))
                .willReturn(okJson(accepted("q"))
                        .withHeader("Ratelimit", "\"default\";r=10;t=100")
                        .withHeader("Ratelimit-Policy", "\"default\";q=1200;w=300")));
        PurgeLimits limits =
                limits().toBuilder().urlsPerRequest(30).maxInFlight(1).build();
        PurgeResult result = purge(executor(limits), PurgeScope.urls(urls(30 * 12)));
        assertTrue(result.isSuccess());
        assertEquals(12, result.requestsSent());
        // The first answer leaves 10; 9 more may go before one is left for a request on its way; then the reset.
        assertEquals(100, result.paceWait().toSeconds(), 1);
        assertTrue(console.stream().anyMatch(l -> l.contains("Waiting 100 s")), console.toString());
    }

    @Test
    void badInputIsRefusedBeforeAnyRequest() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> purge(
                        executor(limits()),
                        PurgeScope.urls(List.of(
                                PurgeItem.of("https://www.example.com/ok.css"),
                                PurgeItem.of("www.example.com/no-scheme.css")))));
        assertTrue(e.getMessage().contains("no scheme"));
        assertThrows(
                InvalidInputException.class,
                () -> executor(limits()).execute("example.com", PurgeScope.everything(), PurgeListener.NONE));
        assertEquals(0, cloudflare.getAllServeEvents().size());
    }
}
