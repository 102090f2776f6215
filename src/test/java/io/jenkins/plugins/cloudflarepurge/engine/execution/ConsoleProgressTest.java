package io.jenkins.plugins.cloudflarepurge.engine.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private final List<String> lines = new ArrayList<>();
    private final ConsoleProgress progress = new ConsoleProgress(lines::add);

    @Test
    void everyLineCarriesThePrefix() {
        progress.planned(PurgeScope.Kind.URLS, 65, 3, 30);
        progress.accepted(1, 3, 30, "abc");
        assertTrue(lines.stream().allMatch(l -> l.startsWith(ConsoleProgress.PREFIX)), lines.toString());
        assertEquals("[Cloudflare] Purging 65 URLs in 3 requests of up to 30.", lines.get(0));
        assertEquals("[Cloudflare] Request 1/3 accepted (id abc): 30 of 65 URLs purged.", lines.get(1));
    }

    @Test
    void aSmallPurgeReportsEveryRequest() {
        progress.planned(PurgeScope.Kind.TAGS, 20, 20, 1);
        for (int i = 1; i <= 20; i++) {
            progress.accepted(i, 20, 1, "");
        }
        assertEquals(21, lines.size());
    }

    @Test
    void aLargePurgeReportsEachTenthOnce() {
        progress.planned(PurgeScope.Kind.URLS, 30_000, 1000, 30);
        for (int i = 1; i <= 1000; i++) {
            progress.accepted(i, 1000, 30, "id" + i);
        }
        assertEquals(1 + 10, lines.size(), lines.toString());
        assertTrue(lines.get(lines.size() - 1).contains("30,000 of 30,000 URLs purged"), lines.get(lines.size() - 1));
    }

    @Test
    void retriesSplitsWaitsAndFailuresAreAlwaysShown() {
        progress.planned(PurgeScope.Kind.URLS, 300_000, 10_000, 30);
        progress.retryScheduled(4, 30, 2, Duration.ofSeconds(7), "Cloudflare's rate limit was reached.");
        progress.split(5, 30, 15);
        progress.waiting(Duration.ofSeconds(3), "Cloudflare's rate limit for this account");
        progress.failed(6, 30, "Cloudflare rejected items.");
        progress.notSent(120, "Not sent: deadline.");
        progress.unanswered(7, 30, "Sent, answer not awaited.");
        assertEquals(
                List.of(
                        "[Cloudflare] Purging 300,000 URLs in 10,000 requests of up to 30.",
                        "[Cloudflare] Request 4 (30 URLs) will be sent again in 7 s (attempt 2): Cloudflare's rate limit was reached.",
                        "[Cloudflare] Request 5 (30 URLs) was too large for Cloudflare: sending them again, at most 15 per request from now on.",
                        "[Cloudflare] Waiting 3 s for Cloudflare's rate limit for this account.",
                        "[Cloudflare] Request 6 (30 URLs) failed: Cloudflare rejected items.",
                        "[Cloudflare] 120 URLs not purged. Not sent: deadline.",
                        "[Cloudflare] Request 7 (30 URLs): Sent, answer not awaited."),
                lines);
    }

    private static PurgeResult result(PurgeScope.Kind kind, Verdict verdict, int purged, int notPurged, int retries) {
        List<PurgeItem> done = new ArrayList<>();
        List<NotPurged> failed = new ArrayList<>();
        for (int i = 0; i < purged; i++) {
            done.add(PurgeItem.of("u" + i));
        }
        for (int i = 0; i < notPurged; i++) {
            failed.add(new NotPurged(PurgeItem.of("f" + i), "reason " + i));
        }
        return new PurgeResult(
                kind,
                verdict,
                done,
                failed,
                List.of(),
                4,
                retries,
                0,
                Duration.ofSeconds(retries),
                Duration.ZERO,
                Duration.ofMillis(2500));
    }

    @Test
    void summaries() {
        assertEquals(
                "Purged 12 URLs (4 requests, 2.5 s).",
                ConsoleProgress.summary(result(PurgeScope.Kind.URLS, Verdict.SUCCESS, 12, 0, 0)));
        assertEquals(
                "Purged everything (4 requests, 1 retry after waiting 1 s, 2.5 s).",
                ConsoleProgress.summary(result(PurgeScope.Kind.EVERYTHING, Verdict.SUCCESS, 1, 0, 1)));
        assertEquals(
                "Purge incomplete: 3 of 5 prefixes purged, 2 not purged (4 requests, 2.5 s). First reason: reason 0",
                ConsoleProgress.summary(result(PurgeScope.Kind.PREFIXES, Verdict.PARTIAL, 3, 2, 0)));
        assertEquals(
                "Purge failed: none of 1 host purged (4 requests, 2 retries after waiting 2 s, 2.5 s). First reason: reason 0",
                ConsoleProgress.summary(result(PurgeScope.Kind.HOSTS, Verdict.FAILED, 0, 1, 2)));
        assertTrue(ConsoleProgress.summary(result(PurgeScope.Kind.URLS, Verdict.CANCELLED, 30, 70, 0))
                .startsWith("Purge aborted: 30 of 100 URLs purged"));
    }
}
