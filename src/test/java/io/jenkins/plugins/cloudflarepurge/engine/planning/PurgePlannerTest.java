package io.jenkins.plugins.cloudflarepurge.engine.planning;

import static io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile.added;
import static io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile.deleted;
import static io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile.modified;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.planning.FileExplanation.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PurgePlannerTest {

    private final PurgePlanner planner = new PurgePlanner();

    private static PlannerSettings.Builder site(String... prefixes) {
        return PlannerSettings.builder()
                .prefixes(prefixes.length == 0 ? new String[] {"https://www.example.org"} : prefixes);
    }

    private List<String> urls(PlannerSettings settings, ChangedFile... changes) {
        PurgePlan plan = planner.plan(List.of(changes), true, settings);
        if (plan.mode() == PurgePlan.Mode.SKIP) {
            return List.of();
        }
        assertEquals(PurgePlan.Mode.URLS, plan.mode());
        PurgeScope scope = plan.scope().orElseThrow();
        assertEquals(PurgeScope.Kind.URLS, scope.kind());
        return scope.items().stream().map(PurgeItem::value).toList();
    }

    private FileExplanation explain(PlannerSettings settings, ChangedFile change) {
        return planner.plan(List.of(change), true, settings).explanations().get(0);
    }

    @Test
    void purgesEachChangedFileAtItsUrl() {
        assertEquals(
                List.of("https://www.example.org/css/site.css", "https://www.example.org/js/app.js"),
                urls(site().build(), modified("js/app.js"), added("css/site.css")));
    }

    /** The example in README.md, "What gets purged": keep the two in step. */
    @Test
    void theReadmeExample() {
        PlannerSettings settings = site().sourceRoot("public").build();
        PurgePlan plan = planner.plan(
                List.of(
                        modified("public/css/site.css"),
                        modified("public/docs/index.html"),
                        added("public/img/café menu.png"),
                        modified("README.md")),
                true,
                settings);
        assertEquals(
                List.of(
                        "https://www.example.org/css/site.css",
                        "https://www.example.org/docs/",
                        "https://www.example.org/docs/index.html",
                        "https://www.example.org/img/caf%C3%A9%20menu.png"),
                plan.scope().orElseThrow().items().stream()
                        .map(PurgeItem::value)
                        .toList());
        assertEquals(Outcome.OUTSIDE_SOURCE_ROOT, plan.explanations().get(3).outcome());
    }

    @Test
    void purgesDeletedFilesSoTheOldUrlStopsBeingServed() {
        assertEquals(List.of("https://www.example.org/old.html"), urls(site().build(), deleted("old.html")));
    }

    @Test
    void purgesBothSidesOfARename() {
        List<ChangedFile> rename = ChangedFile.rename("a/old name.html", "a/new.html");
        assertEquals(List.of(deleted("a/old name.html"), added("a/new.html")), rename);
        PurgePlan plan = planner.plan(rename, true, site().build());
        assertEquals(
                List.of("https://www.example.org/a/new.html", "https://www.example.org/a/old%20name.html"),
                plan.scope().orElseThrow().items().stream()
                        .map(PurgeItem::value)
                        .toList());
    }

    @Test
    void ignoresATrailingSlashOnThePrefix() {
        assertEquals(
                urls(site("https://www.example.org").build(), modified("a.css")),
                urls(site("https://www.example.org/").build(), modified("a.css")));
        assertEquals(
                List.of("https://cdn.example.org/site/a.css"),
                urls(site("https://cdn.example.org/site/").build(), modified("a.css")));
    }

    @Test
    void putsTheBasePathBeforeThePublishedPath() {
        assertEquals(
                List.of("https://cdn.example.org/site/css/a.css"),
                urls(site("https://cdn.example.org/site").sourceRoot("public").build(), modified("public/css/a.css")));
    }

    @Test
    void spellsEachFileOncePerPrefixInTheOrderConfigured() {
        PlannerSettings two =
                site("https://www.example.org", "https://cdn.example.org/site").build();
        assertEquals(
                List.of(
                        "https://www.example.org/a.css",
                        "https://www.example.org/b.css",
                        "https://cdn.example.org/site/a.css",
                        "https://cdn.example.org/site/b.css"),
                urls(two, modified("b.css"), modified("a.css")));
        assertEquals(
                List.of("https://www.example.org/a.css", "https://cdn.example.org/site/a.css"),
                explain(two, modified("a.css")).urls());
    }

    @Test
    void stripsTheSourceRootAndSkipsWhatIsOutside() {
        PlannerSettings s = site().sourceRoot("public/").build();
        assertEquals(
                List.of("https://www.example.org/index.html", "https://www.example.org/"),
                explain(s, modified("public/index.html")).urls());
        FileExplanation readme = explain(s, modified("README.md"));
        assertEquals(Outcome.OUTSIDE_SOURCE_ROOT, readme.outcome());
        assertEquals("M README.md: skipped, outside the source root 'public/', so not published", readme.describe());
        assertEquals(
                Outcome.OUTSIDE_SOURCE_ROOT,
                explain(s, modified("publicity/a.html")).outcome(),
                "a folder that only starts the same");
        assertEquals(Outcome.OUTSIDE_SOURCE_ROOT, explain(s, deleted("public")).outcome());
    }

    @Test
    void matchesPatternsBelowTheSourceRootAndExcludesWinOverIncludes() {
        PlannerSettings s = site().sourceRoot("dist")
                .includes("**/*.css, **/*.html")
                .excludes("drafts/**, **/*.tmp.html")
                .build();
        assertEquals(Outcome.PUBLISHED, explain(s, modified("dist/css/a.css")).outcome());
        FileExplanation draft = explain(s, modified("dist/drafts/a.html"));
        assertEquals(Outcome.EXCLUDED, draft.outcome());
        assertEquals("excluded by 'drafts/**'", draft.reason().orElseThrow());
        assertEquals(
                "excluded by '**/*.tmp.html'",
                explain(s, modified("dist/b.tmp.html")).reason().orElseThrow());
        FileExplanation js = explain(s, modified("dist/app.js"));
        assertEquals(Outcome.NOT_INCLUDED, js.outcome());
        assertEquals(
                "matches none of the includes '**/*.css, **/*.html'",
                js.reason().orElseThrow());
        assertTrue(js.urls().isEmpty());
    }

    @Test
    void excludesApplyWithoutIncludes() {
        PlannerSettings s = site().excludes("**/.*").build();
        assertEquals(Outcome.EXCLUDED, explain(s, modified("a/.htaccess")).outcome());
        assertEquals(Outcome.PUBLISHED, explain(s, modified("a/b.html")).outcome());
    }

    @Test
    void publishesDotfilesLikeAnyOtherFile() {
        assertEquals(
                List.of("https://www.example.org/.well-known/security.txt"),
                urls(site().build(), modified(".well-known/security.txt")));
        assertEquals(
                List.of("https://www.example.org/.htaccess"),
                urls(site().includes("**/*").build(), modified(".htaccess")));
    }

    @Test
    void purgesTheDirectoryOfAnIndexDocument() {
        assertEquals(
                List.of("https://www.example.org/docs/", "https://www.example.org/docs/index.html"),
                urls(site().build(), modified("docs/index.html")));
        assertEquals(
                List.of(
                        "https://www.example.org/docs",
                        "https://www.example.org/docs/",
                        "https://www.example.org/docs/index.html"),
                urls(site().purgeDirectoryWithoutSlash(true).build(), modified("docs/index.html")));
        assertEquals(
                List.of("https://www.example.org/", "https://www.example.org/index.html"),
                urls(site().purgeDirectoryWithoutSlash(true).build(), modified("index.html")),
                "a bare origin is only ever requested as /");
        assertEquals(
                List.of(
                        "https://cdn.example.org/site",
                        "https://cdn.example.org/site/",
                        "https://cdn.example.org/site/index.html"),
                urls(
                        site("https://cdn.example.org/site")
                                .purgeDirectoryWithoutSlash(true)
                                .build(),
                        modified("index.html")));
    }

    @Test
    void usesTheConfiguredIndexDocumentsOnly() {
        PlannerSettings htm = site().indexDocuments("index.htm, default.html").build();
        assertEquals(
                List.of("https://www.example.org/a/", "https://www.example.org/a/default.html"),
                urls(htm, modified("a/default.html")));
        assertEquals(List.of("https://www.example.org/a/index.html"), urls(htm, modified("a/index.html")));
        assertEquals(
                List.of("https://www.example.org/a/index.html"),
                urls(site().indexDocuments("").build(), modified("a/index.html")));
        assertEquals(
                List.of("https://www.example.org/a/Index.html"),
                urls(site().build(), modified("a/Index.html")),
                "names are case-sensitive");
    }

    @Test
    void treatsADirectoryNamedLikeAFileAsADirectory() {
        assertEquals(
                List.of("https://www.example.org/style.css/", "https://www.example.org/style.css/index.html"),
                urls(site().build(), modified("style.css/index.html")));
        assertEquals(
                List.of("https://www.example.org/index.html/a.txt"),
                urls(site().build(), modified("index.html/a.txt")));
    }

    @Test
    void normalisesWindowsPaths() {
        assertEquals(
                List.of("https://www.example.org/css/a.css"),
                urls(site().sourceRoot("public\\").build(), modified(".\\public\\css\\a.css")));
    }

    @Test
    void spellsUnicodeAndSpecialNamesAsABrowserRequestsThem() {
        assertEquals(
                List.of("https://www.example.org/caf%C3%A9/men%C3%BC%20du%20jour.html"),
                urls(site().build(), modified("café/menü du jour.html")));
        assertEquals(
                List.of("https://www.example.org/a+b%23c%3Fd%25e.js"), urls(site().build(), modified("a+b#c?d%e.js")));
        assertEquals(List.of("https://www.example.org/a%2520b.txt"), urls(site().build(), modified("a%20b.txt")));
        assertEquals(
                List.of("https://www.example.org/Docs/README.HTML"),
                urls(site().build(), modified("Docs/README.HTML")));
    }

    @Test
    void explainsARefusedPathAndGoesOn() {
        PurgePlan plan = planner.plan(
                List.of(modified("../etc/passwd"), modified("a\nb"), modified("ok.css")), true, site().build());
        assertEquals(Outcome.REFUSED, plan.explanations().get(0).outcome());
        assertTrue(plan.explanations().get(0).reason().orElseThrow().contains("'../etc/passwd'"));
        assertEquals(
                "M a\\u000Ab: not purged. Refused path 'a\\u000Ab': it contains the control character U+000A.",
                plan.explanations().get(1).describe());
        assertEquals(
                List.of(PurgeItem.of("https://www.example.org/ok.css")),
                plan.scope().orElseThrow().items());
    }

    @Test
    void refusedFilesArePartOfThePlanWithTheirReasons() {
        PurgePlan plan = planner.plan(
                List.of(modified("ok.css"), ChangedFile.deleted("a/../b.css"), modified("c\u0007.css")),
                true,
                site().build());
        assertEquals(
                List.of(
                        new RefusedFile(
                                "a/../b.css",
                                ChangeKind.DELETED,
                                "Refused path 'a/../b.css': it has a '..' segment, which could point outside the repository."),
                        new RefusedFile(
                                "c\u0007.css",
                                ChangeKind.MODIFIED,
                                "Refused path 'c\\u0007.css': it contains the control character U+0007.")),
                plan.refused());
        assertEquals(plan.refused(), plan.refusedNotPurged(), "a plan of URLs leaves them stale");
        assertEquals("c\\u0007.css", plan.refused().get(1).printablePath());
        assertEquals(
                java.util.Optional.of(ChangeKind.DELETED), plan.refused().get(0).changeKind());
        assertEquals(plan.summary(), plan.toString());
        assertTrue(plan.summary().endsWith("; 3 changed files (1 published, 0 skipped, 2 refused)."), plan.summary());
    }

    @Test
    void aPlanWithOnlyRefusedFilesStillNamesThem() {
        PurgePlan plan = planner.plan(List.of(modified("../x.css")), true, site().build());
        assertEquals(PurgePlan.Mode.SKIP, plan.mode());
        assertEquals(1, plan.refusedNotPurged().size());
    }

    @Test
    void aFallbackThatReplacesTheUrlsLeavesNoRefusedFileStale() {
        PurgePlan plan = planner.plan(
                List.of(modified("a.css"), modified("b.css"), modified("../x.css")),
                true,
                site().maxUrls(1).tooManyUrlsFallback(FallbackPolicy.EVERYTHING).build());
        assertEquals(PurgePlan.Mode.EVERYTHING, plan.mode());
        assertEquals(1, plan.refused().size(), "still told");
        assertEquals(List.of(), plan.refusedNotPurged());
    }

    @Test
    void deduplicatesAndSortsSoThatOrderDoesNotMatter() {
        List<ChangedFile> changes = new ArrayList<>();
        for (String path :
                List.of("b/index.html", "a.css", "b/", "c d.js", "./a.css", "b\\index.html", "z.html", "B.html")) {
            changes.add(modified(path));
        }
        changes.add(deleted("a.css"));
        PlannerSettings s =
                site("https://www.example.org", "https://cdn.example.org/s").build();
        List<String> expected = planner.plan(changes, true, s).scope().orElseThrow().items().stream()
                .map(PurgeItem::value)
                .toList();
        assertEquals(
                List.of(
                        "https://www.example.org/B.html",
                        "https://www.example.org/a.css",
                        "https://www.example.org/b",
                        "https://www.example.org/b/",
                        "https://www.example.org/b/index.html",
                        "https://www.example.org/c%20d.js",
                        "https://www.example.org/z.html",
                        "https://cdn.example.org/s/B.html",
                        "https://cdn.example.org/s/a.css",
                        "https://cdn.example.org/s/b",
                        "https://cdn.example.org/s/b/",
                        "https://cdn.example.org/s/b/index.html",
                        "https://cdn.example.org/s/c%20d.js",
                        "https://cdn.example.org/s/z.html"),
                expected);
        Random random = new Random(42);
        for (int i = 0; i < 5; i++) {
            Collections.shuffle(changes, random);
            assertEquals(
                    expected,
                    planner.plan(changes, true, s).scope().orElseThrow().items().stream()
                            .map(PurgeItem::value)
                            .toList());
        }
        assertEquals(changes.size(), planner.plan(changes, true, s).changedFileCount());
    }

    @Test
    void spellsAUrlOnceWhenTwoPrefixesOrAnExtraUrlReachIt() {
        PlannerSettings s = site("https://www.example.org", "https://www.example.org/site")
                .extraPaths(List.of("https://www.example.org/site/a.css", "https://www.example.org/feed.xml"))
                .build();
        assertEquals(
                List.of(
                        "https://www.example.org/a.css",
                        "https://www.example.org/site/a.css",
                        "https://www.example.org/site/site/a.css",
                        "https://www.example.org/feed.xml"),
                urls(s, modified("a.css"), modified("site/a.css")));
    }

    @Test
    void aUrlTwoPrefixesOrAnExtraUrlReachCountsOnceAgainstTheLimit() {
        PlannerSettings s = site("https://www.example.org", "https://www.example.org/site")
                .extraPaths(List.of("https://www.example.org/site/a.css", "https://www.example.org/a.css"))
                .maxUrls(3)
                .build();
        PurgePlan plan = planner.plan(List.of(modified("a.css"), modified("site/a.css")), true, s);
        assertEquals(PurgePlan.Mode.URLS, plan.mode(), plan.toString());
        assertEquals(3, plan.plannedUrlCount());
        PlannerSettings second = site("https://a.example.org", "https://b.example.org")
                .extraPaths(List.of("https://b.example.org/a.css"))
                .maxUrls(2)
                .build();
        PurgePlan viaSecondPrefix = planner.plan(List.of(modified("a.css")), true, second);
        assertEquals(PurgePlan.Mode.URLS, viaSecondPrefix.mode(), viaSecondPrefix.toString());
        assertEquals(2, viaSecondPrefix.plannedUrlCount());
    }

    @Test
    void includesAloneSkipWhatTheyDoNotMatch() {
        PlannerSettings s = site().includes("**/*.html").build();
        assertEquals(
                FileExplanation.Outcome.NOT_INCLUDED,
                explain(s, modified("a.css")).outcome());
        assertEquals(
                FileExplanation.Outcome.PUBLISHED,
                explain(s, modified("b.html")).outcome());
    }

    @Test
    void explicitValuesCountAsPlannedUrlsOnlyWhenTheyAreUrls() {
        assertEquals(
                2,
                planner.planExplicit(PurgeScope.Kind.URLS, List.of("https://x.org/a", "https://x.org/b"))
                        .plannedUrlCount());
        PurgePlan tags = planner.planExplicit(PurgeScope.Kind.TAGS, List.of("a", "b"));
        assertEquals(0, tags.plannedUrlCount());
        assertEquals(2, tags.changedFileCount());
        assertEquals(
                PurgePlan.Mode.EVERYTHING,
                planner.planExplicit(PurgeScope.Kind.EVERYTHING, List.of()).mode());
    }

    @Test
    void addsTheExtraPathsOnEveryRun() {
        PlannerSettings s = site("https://www.example.org", "https://cdn.example.org/site")
                .extraPaths(List.of("/", "/sitemap.xml", "https://feeds.example.org/feed.xml", "/a.css"))
                .build();
        PurgePlan plan = planner.plan(List.of(modified("a.css")), true, s);
        assertEquals(
                List.of(
                        "https://www.example.org/",
                        "https://www.example.org/a.css",
                        "https://www.example.org/sitemap.xml",
                        "https://cdn.example.org/site/",
                        "https://cdn.example.org/site/a.css",
                        "https://cdn.example.org/site/sitemap.xml",
                        "https://feeds.example.org/feed.xml"),
                plan.scope().orElseThrow().items().stream()
                        .map(PurgeItem::value)
                        .toList());
        assertEquals(
                List.of(
                        "https://www.example.org/",
                        "https://cdn.example.org/site/",
                        "https://www.example.org/sitemap.xml",
                        "https://cdn.example.org/site/sitemap.xml",
                        "https://www.example.org/a.css",
                        "https://cdn.example.org/site/a.css",
                        "https://feeds.example.org/feed.xml"),
                plan.extraUrls());
        PurgePlan nothingChanged = planner.plan(List.of(), true, s);
        assertEquals(PurgePlan.Mode.URLS, nothingChanged.mode());
        assertEquals(7, nothingChanged.scope().orElseThrow().size());
    }

    @Test
    void skipsWhenNothingPublishedChangedAndNoExtraIsSet() {
        PurgePlan plan = planner.plan(
                List.of(modified("README.md")),
                true,
                site().sourceRoot("public").build());
        assertEquals(PurgePlan.Mode.SKIP, plan.mode());
        assertTrue(plan.scope().isEmpty());
        assertTrue(plan.fallbackReason().isEmpty());
        assertEquals(1, plan.changedFileCount());
        assertEquals("Nothing to purge; 1 changed file (0 published, 1 skipped).", plan.summary());
    }

    @Test
    void purgesEachUrlPlainAndOncePerVariant() {
        Map<String, String> mobile = Map.of("CF-Device-Type", "mobile");
        Map<String, String> tablet = Map.of("CF-Device-Type", "tablet");
        PurgePlan plan = planner.plan(
                List.of(modified("a.css")),
                true,
                site().variants(List.of(mobile, tablet)).build());
        assertEquals(
                List.of(
                        PurgeItem.of("https://www.example.org/a.css"),
                        new PurgeItem("https://www.example.org/a.css", mobile),
                        new PurgeItem("https://www.example.org/a.css", tablet)),
                plan.scope().orElseThrow().items());
        assertEquals(3, plan.plannedUrlCount());
        assertEquals(
                List.of("https://www.example.org/a.css"),
                plan.explanations().get(0).urls());
    }

    @Test
    void describesTheRunForADryRun() {
        PlannerSettings s =
                site().sourceRoot("public").extraPaths(List.of("/sitemap.xml")).build();
        PurgePlan plan =
                planner.plan(List.of(modified("public/a.css"), deleted("public/b.css"), added("README.md")), true, s);
        assertEquals(
                List.of(
                        "Purge 3 URLs; 3 changed files (2 published, 1 skipped).",
                        "  M public/a.css -> https://www.example.org/a.css",
                        "  D public/b.css -> https://www.example.org/b.css",
                        "  A README.md: skipped, outside the source root 'public/', so not published",
                        "  every run -> https://www.example.org/sitemap.xml"),
                plan.describe(10));
        assertEquals(
                List.of(
                        "Purge 3 URLs; 3 changed files (2 published, 1 skipped).",
                        "  M public/a.css -> https://www.example.org/a.css",
                        "  … and 2 more files",
                        "  every run -> https://www.example.org/sitemap.xml"),
                plan.describe(1));
    }

    @Test
    void plansExplicitPathsWithoutSourceRootOrPatterns() {
        PlannerSettings s = site("https://www.example.org", "https://cdn.example.org/site")
                .sourceRoot("public")
                .includes("**/*.css")
                .excludes("docs/**")
                .build();
        PurgePlan plan = planner.planPaths(
                List.of("/docs/index.html", "js/app.js", " ", "https://Other.example.org/x y", "/caf%C3%A9/"), s);
        assertEquals(PurgePlan.Mode.URLS, plan.mode());
        assertEquals(4, plan.changedFileCount());
        assertEquals(
                List.of(
                        "https://www.example.org/caf%C3%A9/",
                        "https://www.example.org/docs/",
                        "https://www.example.org/docs/index.html",
                        "https://www.example.org/js/app.js",
                        "https://cdn.example.org/site/caf%C3%A9/",
                        "https://cdn.example.org/site/docs/",
                        "https://cdn.example.org/site/docs/index.html",
                        "https://cdn.example.org/site/js/app.js",
                        "https://other.example.org/x%20y"),
                plan.scope().orElseThrow().items().stream()
                        .map(PurgeItem::value)
                        .toList());
        assertTrue(plan.explanations().get(0).kind().isEmpty());
        InvalidSettingException e =
                assertThrows(InvalidSettingException.class, () -> planner.planPaths(List.of("/a/../b"), s));
        assertTrue(e.getMessage().startsWith("Path to purge '/a/../b'"), e.getMessage());
    }

    @Test
    void plansExplicitTagsHostsAndPrefixes() {
        assertEquals(
                PurgeScope.of(PurgeScope.Kind.TAGS, List.of("release-42", "blog")),
                planner.planExplicit(PurgeScope.Kind.TAGS, List.of(" release-42 ", "blog", ""))
                        .scope()
                        .orElseThrow());
        assertEquals(
                PurgeScope.of(PurgeScope.Kind.HOSTS, List.of("www.example.org", "xn--bcher-kva.example")),
                planner.planExplicit(PurgeScope.Kind.HOSTS, List.of("WWW.example.org", "bücher.example"))
                        .scope()
                        .orElseThrow());
        assertEquals(
                PurgeScope.of(
                        PurgeScope.Kind.PREFIXES, List.of("www.example.org/assets", "www.example.org/caf%C3%A9/")),
                planner.planExplicit(
                                PurgeScope.Kind.PREFIXES, List.of("www.EXAMPLE.org/assets", "www.example.org/café/"))
                        .scope()
                        .orElseThrow());
        assertEquals(
                PurgePlan.Mode.PREFIXES,
                planner.planExplicit(PurgeScope.Kind.PREFIXES, List.of("x.org/a"))
                        .mode());
        assertEquals(
                PurgePlan.Mode.EVERYTHING,
                planner.planExplicit(PurgeScope.Kind.EVERYTHING, List.of()).mode());
        assertEquals(PurgeScope.everything(), planner.planEverything().scope().orElseThrow());
        assertTrue(assertThrows(
                        InvalidSettingException.class,
                        () -> planner.planExplicit(PurgeScope.Kind.HOSTS, List.of("https://x.org")))
                .getMessage()
                .contains("write the host name alone"));
        assertTrue(assertThrows(
                        InvalidSettingException.class,
                        () -> planner.planExplicit(PurgeScope.Kind.HOSTS, List.of("x.org/a")))
                .getMessage()
                .contains("more than a host name"));
        assertTrue(assertThrows(
                        InvalidSettingException.class,
                        () -> planner.planExplicit(PurgeScope.Kind.PREFIXES, List.of("https://x.org/a")))
                .getMessage()
                .contains("such as x.org/a"));
        assertTrue(assertThrows(
                        InvalidSettingException.class,
                        () -> planner.planExplicit(PurgeScope.Kind.PREFIXES, List.of("x.org")))
                .getMessage()
                .contains("has no path"));
        assertTrue(assertThrows(
                        InvalidSettingException.class, () -> planner.planExplicit(PurgeScope.Kind.TAGS, List.of("a,b")))
                .getMessage()
                .contains("comma"));
        assertThrows(InvalidSettingException.class, () -> planner.planExplicit(PurgeScope.Kind.TAGS, List.of(" ")));
        assertFalse(planner.planExplicit(PurgeScope.Kind.URLS, List.of("https://x.org/a b"))
                .scope()
                .orElseThrow()
                .items()
                .isEmpty());
    }
}
