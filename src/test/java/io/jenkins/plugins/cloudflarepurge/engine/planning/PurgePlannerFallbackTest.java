package io.jenkins.plugins.cloudflarepurge.engine.planning;

import static io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile.modified;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PurgePlannerFallbackTest {

    private static final String NO_CHANGESET = "No changeset: this run has no SCM changes to work from "
            + "(first build, replay, or the step runs before checkout); ";

    private final PurgePlanner planner = new PurgePlanner();

    private static PlannerSettings.Builder site(String... prefixes) {
        return PlannerSettings.builder().prefixes(prefixes);
    }

    private static List<ChangedFile> files(int count) {
        List<ChangedFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(modified("f" + i + ".html"));
        }
        return files;
    }

    @Test
    void purgesEverythingWithoutAChangesetByDefault() {
        PurgePlan plan =
                planner.plan(files(3), false, site("https://www.example.org").build());
        assertEquals(PurgePlan.Mode.EVERYTHING, plan.mode());
        assertEquals(PurgeScope.everything(), plan.scope().orElseThrow());
        assertEquals(
                NO_CHANGESET + "purging everything, as configured.",
                plan.fallbackReason().orElseThrow());
        assertTrue(plan.explanations().isEmpty(), "the changes are not looked at");
        assertEquals(
                List.of(
                        "Purge everything; 0 changed files (0 published, 0 skipped).",
                        plan.fallbackReason().orElseThrow()),
                plan.describe(10));
    }

    @Test
    void purgesTheHostsWhenSoConfigured() {
        PlannerSettings s = site(
                        "https://www.example.org", "https://cdn.example.org/site", "https://WWW.example.org:8443/x")
                .extraPaths(List.of("https://feeds.example.org/feed.xml"))
                .noChangesetFallback(FallbackPolicy.HOSTS)
                .build();
        PurgePlan plan = planner.plan(List.of(), false, s);
        assertEquals(PurgePlan.Mode.HOSTS, plan.mode());
        assertEquals(
                PurgeScope.of(
                        PurgeScope.Kind.HOSTS, List.of("www.example.org", "cdn.example.org", "feeds.example.org")),
                plan.scope().orElseThrow());
        assertEquals(
                NO_CHANGESET + "purging the hosts www.example.org, cdn.example.org, feeds.example.org, as configured.",
                plan.fallbackReason().orElseThrow());
    }

    @Test
    void purgesThePrefixesWhenEachHasABasePath() {
        PlannerSettings s = site("https://cdn.example.org/site/", "https://www.example.org/blog")
                .extraPaths(List.of("https://www.example.org/blog/feed.xml", "https://feeds.example.org/main/feed.xml"))
                .noChangesetFallback(FallbackPolicy.PREFIXES)
                .build();
        PurgePlan plan = planner.plan(List.of(), false, s);
        assertEquals(PurgePlan.Mode.PREFIXES, plan.mode());
        assertEquals(
                PurgeScope.of(
                        PurgeScope.Kind.PREFIXES,
                        List.of("cdn.example.org/site", "www.example.org/blog", "feeds.example.org/main/feed.xml")),
                plan.scope().orElseThrow());
        assertTrue(
                plan.fallbackReason()
                        .orElseThrow()
                        .endsWith(
                                "purging the prefixes cdn.example.org/site, www.example.org/blog, feeds.example.org/main/feed.xml, as configured."));
    }

    @Test
    void purgesTheHostsInsteadOfPrefixesWhenAPrefixHasNoBasePath() {
        PlannerSettings s = site("https://cdn.example.org/site", "https://www.example.org")
                .noChangesetFallback(FallbackPolicy.PREFIXES)
                .build();
        PurgePlan plan = planner.plan(List.of(), false, s);
        assertEquals(PurgePlan.Mode.HOSTS, plan.mode());
        assertEquals(
                PurgeScope.of(PurgeScope.Kind.HOSTS, List.of("cdn.example.org", "www.example.org")),
                plan.scope().orElseThrow());
        assertEquals(
                NO_CHANGESET
                        + "purging by prefix is configured, but https://www.example.org has no base path (or more than 31 path "
                        + "separators), so nothing narrower than the host can be purged: purging the hosts cdn.example.org, www.example.org instead.",
                plan.fallbackReason().orElseThrow());
    }

    @Test
    void skipsOrPurgesOnlyTheExtraPathsWhenSoConfigured() {
        PurgePlan nothing = planner.plan(
                List.of(),
                false,
                site("https://www.example.org")
                        .noChangesetFallback(FallbackPolicy.SKIP)
                        .build());
        assertEquals(PurgePlan.Mode.SKIP, nothing.mode());
        assertTrue(nothing.scope().isEmpty());
        assertEquals(
                NO_CHANGESET + "purging nothing, as configured.",
                nothing.fallbackReason().orElseThrow());

        PlannerSettings withExtras = site("https://www.example.org")
                .extraPaths(List.of("/", "/sitemap.xml"))
                .variants(List.of(Map.of("CF-Device-Type", "mobile")))
                .noChangesetFallback(FallbackPolicy.SKIP)
                .build();
        PurgePlan extras = planner.plan(List.of(), false, withExtras);
        assertEquals(PurgePlan.Mode.URLS, extras.mode());
        assertEquals(4, extras.scope().orElseThrow().size());
        assertEquals(List.of("https://www.example.org/", "https://www.example.org/sitemap.xml"), extras.extraUrls());
        assertEquals(
                NO_CHANGESET + "purging only the 4 extra URLs configured for every run, as configured.",
                extras.fallbackReason().orElseThrow());
    }

    @Test
    void fallsBackOnlyAboveTheLimit() {
        PlannerSettings s = site("https://www.example.org").maxUrls(10).build();
        PurgePlan atLimit = planner.plan(files(10), true, s);
        assertEquals(PurgePlan.Mode.URLS, atLimit.mode());
        assertTrue(atLimit.fallbackReason().isEmpty());
        PurgePlan above = planner.plan(files(11), true, s);
        assertEquals(PurgePlan.Mode.EVERYTHING, above.mode());
        assertEquals(
                "Too many URLs: the changes map to 11 URLs, more than the limit of 10; purging everything, as configured.",
                above.fallbackReason().orElseThrow());
        assertEquals(11, above.plannedUrlCount());
        assertEquals(11, above.explanations().size(), "a dry run still shows what the files map to");
    }

    @Test
    void countsVariantsExtrasAndPrefixesAgainstTheLimit() {
        PlannerSettings s = site("https://www.example.org", "https://cdn.example.org/s")
                .variants(List.of(Map.of("CF-Device-Type", "mobile")))
                .extraPaths(List.of("/"))
                .maxUrls(8)
                .build();
        assertEquals(8, planner.plan(files(1), true, s).scope().orElseThrow().size());
        PurgePlan above = planner.plan(files(2), true, s);
        assertEquals(12, above.plannedUrlCount());
        assertEquals(PurgePlan.Mode.EVERYTHING, above.mode());
    }

    @Test
    void appliesTheTooManyPolicy() {
        PlannerSettings.Builder b = site("https://www.example.org").maxUrls(2).extraPaths(List.of("/sitemap.xml"));
        PurgePlan hosts = planner.plan(
                files(5), true, b.tooManyUrlsFallback(FallbackPolicy.HOSTS).build());
        assertEquals(
                PurgeScope.of(PurgeScope.Kind.HOSTS, List.of("www.example.org")),
                hosts.scope().orElseThrow());
        assertTrue(hosts.fallbackReason()
                .orElseThrow()
                .startsWith("Too many URLs: the changes map to 6 URLs, more than the limit of 2; "));
        PurgePlan skip = planner.plan(
                files(5), true, b.tooManyUrlsFallback(FallbackPolicy.SKIP).build());
        assertEquals(
                List.of(PurgeItem.of("https://www.example.org/sitemap.xml")),
                skip.scope().orElseThrow().items());
        assertTrue(skip.fallbackReason()
                .orElseThrow()
                .endsWith("purging only the 1 extra URL configured for every run, as configured."));
    }

    @Test
    void theSameChangesWithinTheLimitNeedNoFallback() {
        PlannerSettings s = site("https://www.example.org")
                .maxUrls(1000)
                .noChangesetFallback(FallbackPolicy.SKIP)
                .build();
        PurgePlan plan = planner.plan(files(600), true, s);
        assertEquals(PurgePlan.Mode.URLS, plan.mode());
        assertEquals(600, plan.scope().orElseThrow().size());
    }
}
