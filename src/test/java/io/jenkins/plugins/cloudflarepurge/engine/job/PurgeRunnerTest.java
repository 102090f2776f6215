package io.jenkins.plugins.cloudflarepurge.engine.job;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.execution.CloudflarePlan;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeExecutor;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeLimits;
import io.jenkins.plugins.cloudflarepurge.engine.execution.Verdict;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PurgeRunnerTest {

    static final String TOKEN = "cfut_SECRET-token-0123456789abcdefXYZ";
    static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    static final String PURGE_PATH = "/client/v4/zones/" + ZONE + "/purge_cache";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static WireMockExtension cloudflare = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final List<String> console = new ArrayList<>();
    final AtomicInteger executorsMade = new AtomicInteger();
    PurgeLimits limits = PurgeLimits.forPlan(CloudflarePlan.ENTERPRISE).toBuilder()
            .maxAttempts(1)
            .build();

    PurgeRunner.ExecutorFactory executors() {
        return l -> {
            executorsMade.incrementAndGet();
            CloudflareClient client = new CloudflareClient(
                    CloudflareClient.newHttpClient(Duration.ofSeconds(2)),
                    URI.create(cloudflare.baseUrl() + "/client/v4"),
                    ApiToken.of(TOKEN),
                    Duration.ofSeconds(5));
            return PurgeExecutor.forAccount(client, l);
        };
    }

    static PurgeArguments args() {
        return new PurgeArguments().setCredentialsId("cf").setZoneId(ZONE).setUrlPrefixes("https://www.example.com");
    }

    static Supplier<ChangeHistory.Collected> changes(String... editTypeAndPath) {
        ScmChanges current = new ScmChanges().markChangeset();
        for (String entry : editTypeAndPath) {
            String[] parts = entry.split(" ", 2);
            current.add(parts[1], parts[0]);
        }
        return () -> ChangeHistory.collect(
                ZONE,
                ChangeHistoryTest.PREFIXES,
                current,
                List.of(ChangeHistoryTest.purged("#1", ZONE)).iterator(),
                25);
    }

    static Supplier<ChangeHistory.Collected> noChanges() {
        return () -> ChangeHistory.collect(
                ZONE,
                ChangeHistoryTest.PREFIXES,
                new ScmChanges(),
                List.<ChangeHistory.EarlierRun>of().iterator(),
                25);
    }

    /** A purge of explicit targets: no changes to give. */
    PurgeReport run(PurgeArguments args) {
        return new PurgeRunner()
                .run(
                        PurgeSettings.resolve("cloudflarePurge", args, null, null, null),
                        limits,
                        executors(),
                        console::add);
    }

    PurgeReport run(PurgeArguments args, Supplier<ChangeHistory.Collected> changes) {
        return new PurgeRunner()
                .run(
                        PurgeSettings.resolve("cloudflarePurge", args, null, null, null),
                        changes,
                        limits,
                        executors(),
                        console::add);
    }

    static void answer(int status, String body) {
        cloudflare.stubFor(post(urlEqualTo(PURGE_PATH))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    static void accept() {
        answer(200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"req-1\"}}");
    }

    /** Every URL sent, over all requests. */
    static TreeSet<String> sentUrls() throws Exception {
        TreeSet<String> urls = new TreeSet<>();
        for (LoggedRequest request : cloudflare.findAll(postRequestedFor(urlEqualTo(PURGE_PATH)))) {
            for (JsonNode file : JSON.readTree(request.getBodyAsString()).path("files")) {
                urls.add(file.isTextual() ? file.asText() : file.path("url").asText() + " " + file.path("headers"));
            }
        }
        return urls;
    }

    String consoleText() {
        return String.join("\n", console);
    }

    @Test
    void purgesExactlyTheUrlsOfThePublishedChanges() throws Exception {
        accept();
        PurgeReport report = run(
                args().setSourceRoot("public").setExcludes("**/*.map"),
                changes(
                        "edit public/css/site.css",
                        "add public/blog/index.html",
                        "delete public/old.js",
                        "edit README.md",
                        "edit public/app.js.map"));
        assertEquals(
                new TreeSet<>(List.of(
                        "https://www.example.com/css/site.css",
                        "https://www.example.com/blog/",
                        "https://www.example.com/blog/index.html",
                        "https://www.example.com/old.js")),
                sentUrls());
        cloudflare.verify(
                1, postRequestedFor(urlEqualTo(PURGE_PATH)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        assertEquals(Verdict.SUCCESS, report.getVerdict());
        assertEquals(BuildOutcome.SUCCESS, report.getOutcome());
        assertEquals("urls", report.getMode());
        assertEquals("changes", report.getTarget());
        assertEquals(5, report.getChangedFiles());
        assertEquals(4, report.getTotal());
        assertEquals(4, report.getPurged());
        assertEquals(List.of("req-1"), report.getRequestIds());
        assertEquals(1, report.getRequests());
        assertTrue(
                consoleText()
                        .contains("[Cloudflare] Zone " + ZONE + ": purge urls, 5 changed files, 4 URLs, 1 request."),
                consoleText());
        assertTrue(console.get(console.size() - 1).startsWith("[Cloudflare] Purged 4 URLs"), consoleText());
        console.forEach(line -> assertTrue(line.startsWith("[Cloudflare] "), line));
    }

    @Test
    void aDryRunExplainsEveryFileAndUrlAndSendsNothing() {
        PurgeReport report = run(
                args().setDryRun(true).setCredentialsId(null).setVariants("CF-Device-Type: mobile"),
                changes("edit css/site.css", "add docs/index.html"));
        cloudflare.verify(0, anyRequestedFor(anyUrl()));
        assertEquals(0, executorsMade.get());
        String text = consoleText();
        assertTrue(
                text.contains("Dry run for zone " + ZONE + ": purge urls, 2 changed files, 6 URLs, 1 request."), text);
        assertTrue(text.contains("M css/site.css -> https://www.example.com/css/site.css"), text);
        assertTrue(text.contains("A docs/index.html -> "), text);
        assertTrue(text.contains("  https://www.example.com/css/site.css [CF-Device-Type: mobile]"), text);
        assertTrue(text.contains("Dry run: would purge 6 URLs in 1 request; nothing was sent to Cloudflare."), text);
        assertTrue(report.isDryRun());
        assertEquals(6, report.getItems().size());
        assertEquals(6, report.getTotal());
        assertEquals(0, report.getPurged());
        assertTrue(
                report.getItems().contains("https://www.example.com/docs/"),
                report.getItems().toString());
    }

    @Test
    void purgeEverythingSendsOneRequestAndIgnoresTheChanges() throws Exception {
        accept();
        PurgeReport report = run(args().setPurgeEverything(true));
        cloudflare.verify(
                1,
                postRequestedFor(urlEqualTo(PURGE_PATH)).withRequestBody(equalToJson("{\"purge_everything\":true}")));
        assertEquals("everything", report.getMode());
        assertEquals("everything", report.getTarget());
        assertEquals(1, report.getTotal());
        assertTrue(consoleText().contains("Zone " + ZONE + ": purge everything, 1 request."), consoleText());
    }

    @Test
    void explicitTagsAreSentAsTags() {
        accept();
        run(args().setTags("release-42, blog"));
        cloudflare.verify(
                1,
                postRequestedFor(urlEqualTo(PURGE_PATH))
                        .withRequestBody(equalToJson("{\"tags\":[\"release-42\",\"blog\"]}")));
    }

    @Test
    void explicitPathsUseThePrefixesAndFullUrlsAsGiven() throws Exception {
        accept();
        PurgeReport report = run(args().setPaths("/a b.css\nhttps://cdn.example.com/x.js"));
        assertEquals(
                new TreeSet<>(List.of("https://www.example.com/a%20b.css", "https://cdn.example.com/x.js")),
                sentUrls());
        assertEquals("paths", report.getTarget());
        assertTrue(consoleText().contains("2 paths, 2 URLs"), consoleText());
    }

    @Test
    void withoutAChangesetTheFallbackAppliesAndTheConsoleSaysWhy() {
        accept();
        PurgeReport report = run(args(), noChanges());
        cloudflare.verify(
                1,
                postRequestedFor(urlEqualTo(PURGE_PATH)).withRequestBody(equalToJson("{\"purge_everything\":true}")));
        assertEquals("everything", report.getMode());
        assertTrue(report.getFallbackReason().contains("No changeset"), report.getFallbackReason());
        assertTrue(consoleText().contains("after the checkout"), consoleText());
        assertTrue(consoleText().contains("purging everything, as configured"), consoleText());
    }

    @Test
    void theSkipFallbackPurgesNothingAndSucceeds() {
        PurgeReport report = run(args().setFallback("skip"), noChanges());
        cloudflare.verify(0, anyRequestedFor(anyUrl()));
        assertEquals(0, executorsMade.get());
        assertEquals("skip", report.getMode());
        assertEquals(Verdict.SUCCESS, report.getVerdict());
        assertTrue(consoleText().contains("Nothing to purge."), consoleText());
    }

    @Test
    void changesOutsideThePublishedFilesPurgeNothing() {
        PurgeReport report = run(args().setSourceRoot("public"), changes("edit README.md"));
        cloudflare.verify(0, anyRequestedFor(anyUrl()));
        assertEquals("skip", report.getMode());
        assertTrue(console.get(console.size() - 1).contains("no changed file is published"), consoleText());
    }

    @Test
    void tooManyUrlsFallBackToThePrefixes() {
        accept();
        PurgeReport report = run(
                args().setUrlPrefixes("https://www.example.com/site")
                        .setMaxUrls(1)
                        .setFallback("prefixes"),
                changes("edit a.css", "edit b.css"));
        cloudflare.verify(
                1,
                postRequestedFor(urlEqualTo(PURGE_PATH))
                        .withRequestBody(equalToJson("{\"prefixes\":[\"www.example.com/site\"]}")));
        assertEquals("prefixes", report.getMode());
        assertTrue(report.getFallbackReason().contains("Too many URLs"), report.getFallbackReason());
    }

    @Test
    void theFailurePolicyDecidesTheOutcomeOfAFailedPurge() {
        answer(
                403,
                "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}],\"messages\":[],\"result\":null}");
        Map<String, BuildOutcome> outcomes =
                Map.of("fail", BuildOutcome.FAILURE, "unstable", BuildOutcome.UNSTABLE, "warn", BuildOutcome.SUCCESS);
        outcomes.forEach((policy, outcome) -> {
            console.clear();
            PurgeReport report = run(args().setOnFailure(policy), changes("edit a.css"));
            assertEquals(Verdict.FAILED, report.getVerdict());
            assertEquals(outcome, report.getOutcome(), policy);
            assertEquals(1, report.getNotPurged());
            assertEquals(1, report.getFailures().size());
            assertEquals(
                    List.of("https://www.example.com/a.css"),
                    report.getFailures().get(0).getItems());
            assertTrue(consoleText().contains("onFailure: '" + policy + "'"), consoleText());
            assertTrue(consoleText().contains("Purge failed"), consoleText());
        });
    }

    @Test
    void theTokenNeverReachesTheConsoleOrTheReportEvenWhenCloudflareEchoesIt() throws Exception {
        answer(
                400,
                "{\"success\":false,\"errors\":[{\"code\":1100,\"message\":\"Bad value Bearer " + TOKEN
                        + "\"}],\"messages\":[],\"result\":null}");
        PurgeReport report = run(args(), changes("edit a.css"));
        assertEquals(Verdict.FAILED, report.getVerdict());
        assertFalse(consoleText().contains(TOKEN), consoleText());
        assertFalse(consoleText().contains("SECRET"), consoleText());
        assertFalse(report.toMap().toString().contains("SECRET"), report.toMap().toString());
        assertFalse(
                report.getFailures().get(0).getReason().contains("SECRET"),
                report.getFailures().get(0).getReason());
        assertTrue(
                report.getFailures().get(0).getReason().contains("****"),
                report.getFailures().get(0).getReason());
    }

    @Test
    void earlierRunsChangesArePurgedAndNamed() throws Exception {
        accept();
        ScmChanges current = new ScmChanges().add("new.css", "add");
        List<ChangeHistory.EarlierRun> earlier =
                List.of(ChangeHistoryTest.notPurged("#5", "failed-deploy.css"), ChangeHistoryTest.purged("#4", ZONE));
        PurgeReport report = new PurgeRunner()
                .run(
                        PurgeSettings.resolve("cloudflarePurge", args(), null, null, null),
                        () -> ChangeHistory.collect(ZONE, ChangeHistoryTest.PREFIXES, current, earlier.iterator(), 25),
                        limits,
                        executors(),
                        console::add);
        assertEquals(
                new TreeSet<>(List.of("https://www.example.com/new.css", "https://www.example.com/failed-deploy.css")),
                sentUrls());
        assertEquals(List.of("#5"), report.getRunsIncluded());
        assertTrue(consoleText().contains("Also purging the changes of #5"), consoleText());
    }

    @Test
    void manyRequestsAreCountedInTheHeader() {
        accept();
        limits = limits.toBuilder().urlsPerRequest(2).build();
        PurgeReport report = run(args(), changes("edit a.css", "edit b.css", "edit c.css", "edit d.css", "edit e.css"));
        assertTrue(consoleText().contains("5 changed files, 5 URLs, 3 requests."), consoleText());
        assertEquals(3, report.getRequests());
        assertEquals(3, report.getRequestIds().size());
    }

    @Test
    void aPurgeOfTheChangesNeedsThemAndAnExplicitPurgeNeverReadsThem() {
        assertThrows(IllegalArgumentException.class, () -> run(args()));
        accept();
        PurgeReport report = run(args().setTags("t"), () -> {
            throw new AssertionError("the changes are not read for an explicit purge");
        });
        assertEquals(Verdict.SUCCESS, report.getVerdict());
    }

    @Test
    void aRefusedChangedFileIsShownCountedAndMakesThePurgeIncomplete() throws Exception {
        accept();
        Map<String, BuildOutcome> outcomes =
                Map.of("fail", BuildOutcome.FAILURE, "unstable", BuildOutcome.UNSTABLE, "warn", BuildOutcome.SUCCESS);
        for (Map.Entry<String, BuildOutcome> policy : outcomes.entrySet()) {
            console.clear();
            PurgeReport report = run(args().setOnFailure(policy.getKey()), changes("edit a.css", "edit docs/../b.css"));
            assertEquals(Verdict.PARTIAL, report.getVerdict());
            assertEquals(policy.getValue(), report.getOutcome(), policy.getKey());
            assertEquals(1, report.getRefusedFiles());
            assertEquals(1, report.getPurged());
            assertEquals(1, report.getNotPurged());
            String reason = "Refused path 'docs/../b.css': it has a '..' segment, which could point outside the"
                    + " repository.";
            assertEquals(1, report.getFailures().size());
            assertEquals(reason, report.getFailures().get(0).getReason());
            assertEquals(List.of("docs/../b.css"), report.getFailures().get(0).getItems());
            String text = consoleText();
            assertTrue(text.contains("purge urls, 2 changed files (1 refused), 1 URL, 1 request."), text);
            assertTrue(text.contains("[Cloudflare] Not purged: " + reason), text);
            assertTrue(
                    text.contains("[Cloudflare] 1 changed file could not be turned into URLs (see above) and was not"
                            + " purged."),
                    text);
            assertTrue(text.toLowerCase(java.util.Locale.ROOT).contains("the purge was incomplete"), text);
            assertTrue(
                    text.contains("Later runs include these changes again and refuse the same files: purge their pages"
                            + " with 'paths', and purge everything once (purgeEverything: true) to start afresh."),
                    text);
            assertTrue(report.getSummary().startsWith("Purged 1 URL"), report.getSummary());
            assertTrue(report.getSummary().endsWith("and was not purged."), report.getSummary());
        }
        assertEquals(Set.of("https://www.example.com/a.css"), sentUrls());
    }

    @Test
    void whenCloudflareAlsoFailedTheNextRunRetriesTheChanges() {
        answer(
                403,
                "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}],\"result\":null}");
        PurgeReport report = run(args(), changes("edit a.css", "edit ../b.css"));
        assertEquals(Verdict.FAILED, report.getVerdict());
        assertEquals(2, report.getNotPurged());
        assertEquals(1, report.getRefusedFiles());
        assertTrue(
                consoleText().contains("Once the cause is fixed, the next run purges these changes again."),
                consoleText());
    }

    @Test
    void onlyRefusedChangedFilesAreAFailedPurgeNotNothingToPurge() {
        PurgeReport report = run(args(), changes("edit a\u0001.css"));
        cloudflare.verify(0, anyRequestedFor(anyUrl()));
        assertEquals(0, executorsMade.get());
        assertEquals(Verdict.FAILED, report.getVerdict());
        assertEquals(BuildOutcome.FAILURE, report.getOutcome());
        assertEquals(1, report.getNotPurged());
        String text = consoleText();
        assertFalse(text.contains("Nothing to purge"), text);
        assertFalse(text.contains("no changed file is published"), text);
        assertTrue(
                text.contains("Not purged: Refused path 'a\\u0001.css': it contains the control character U+0001."),
                text);
        assertTrue(
                text.contains("Nothing purged: 1 changed file could not be turned into URLs (see above), so their pages"
                        + " may be stale."),
                text);
    }

    @Test
    void aDryRunShowsTheRefusedFilesAndTheVerdictTheRealRunWouldHave() {
        PurgeReport report =
                run(args().setDryRun(true).setOnFailure("unstable"), changes("edit a.css", "add ../b.css"));
        cloudflare.verify(0, anyRequestedFor(anyUrl()));
        String text = consoleText();
        assertTrue(text.contains("A ../b.css: not purged. Refused path '../b.css'"), text);
        assertTrue(
                text.contains("Dry run: would purge 1 URL in 1 request; 1 changed file is refused and would not be"
                        + " purged; nothing was sent to Cloudflare."),
                text);
        assertEquals(Verdict.PARTIAL, report.getVerdict());
        assertEquals(BuildOutcome.UNSTABLE, report.getOutcome());
        assertEquals(1, report.getNotPurged());
        assertEquals(1, report.getFailures().size());
    }

    @Test
    void aFallbackThatPurgesEverythingCoversTheRefusedFiles() {
        accept();
        PurgeReport report = run(
                args().setMaxUrls(1).setFallback("everything"), changes("edit a.css", "edit b.css", "edit ../c.css"));
        assertEquals("everything", report.getMode());
        assertEquals(Verdict.SUCCESS, report.getVerdict());
        assertEquals(0, report.getNotPurged());
        assertFalse(consoleText().contains("Not purged"), consoleText());
    }

    @Test
    void invalidSettingsFailBeforeAnythingIsSent() {
        assertThrows(
                io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException.class,
                () -> run(args().setZoneId("example.com")));
        cloudflare.verify(0, anyRequestedFor(anyUrl()));
    }
}
