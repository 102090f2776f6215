package io.jenkins.plugins.cloudflarepurge.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.planning.FallbackPolicy;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PlannerSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PurgeSettingsTest {

    static final String STEP = "cloudflarePurge";
    static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    static final String OTHER_ZONE = "0123456789abcdef0123456789abcdef";

    static PurgeArguments args() {
        return new PurgeArguments()
                .setCredentialsId("cf-token")
                .setZoneId(ZONE)
                .setUrlPrefixes("https://www.example.com");
    }

    static PurgeSettings resolve(PurgeArguments args) {
        return PurgeSettings.resolve(STEP, args, null, null, null);
    }

    /** Asserts that resolving fails naming the caller and the argument; returns the message. */
    static String refused(PurgeArguments args, String argument) {
        return refused(args, argument, null, null, null);
    }

    static String refused(PurgeArguments args, String argument, String credentials, String zone, String prefixes) {
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> PurgeSettings.resolve(STEP, args, credentials, zone, prefixes));
        assertEquals(argument, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(STEP + ": " + argument + ": "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void theJobsValuesWin() {
        PurgeSettings s = PurgeSettings.resolve(STEP, args(), "global-token", OTHER_ZONE, "https://global.example.org");
        assertEquals("cf-token", s.credentialsId());
        assertEquals(ZONE, s.zoneId());
        assertEquals(
                "https://www.example.com",
                s.planner().orElseThrow().prefixes().get(0).toString());
        assertEquals(PurgeSettings.Target.CHANGES, s.target());
        assertEquals(FailurePolicy.FAIL, s.failurePolicy());
        assertFalse(s.dryRun());
    }

    @Test
    void unsetValuesComeFromTheGlobalDefaults() {
        PurgeSettings s = PurgeSettings.resolve(
                STEP,
                new PurgeArguments(),
                " global-token ",
                OTHER_ZONE.toUpperCase(java.util.Locale.ROOT),
                "https://a.example.org\nhttps://b.example.org/site");
        assertEquals("global-token", s.credentialsId());
        assertEquals(OTHER_ZONE, s.zoneId());
        assertEquals(
                List.of("https://a.example.org", "https://b.example.org/site"),
                s.planner().orElseThrow().prefixes().stream()
                        .map(Object::toString)
                        .toList());
    }

    @Test
    void theGlobalPrefixesAreNotUsedForAnotherZone() {
        String message = refused(
                new PurgeArguments().setZoneId(ZONE), "urlPrefixes", "t", OTHER_ZONE, "https://global.example.org");
        assertTrue(message.contains("belong to the global zone"), message);
        PurgeSettings same = PurgeSettings.resolve(
                STEP, new PurgeArguments().setZoneId(OTHER_ZONE), "t", OTHER_ZONE, "https://global.example.org");
        assertEquals(
                "https://global.example.org",
                same.planner().orElseThrow().prefixes().get(0).toString());
    }

    @Test
    void aZoneNameInsteadOfAZoneIdGetsItsOwnHint() {
        String message = refused(args().setZoneId("example.com"), "zoneId");
        assertTrue(message.contains("'example.com' looks like a zone name"), message);
    }

    @Test
    void aMalformedZoneIdIsNamed() {
        assertTrue(refused(args().setZoneId("1234"), "zoneId").contains("'1234' is not a zone ID"));
    }

    @Test
    void noZoneAnywhereSaysWhereToSetIt() {
        assertTrue(refused(args().setZoneId(" "), "zoneId").contains("Manage Jenkins"));
    }

    @Test
    void aCredentialIsNeededExceptInADryRun() {
        assertTrue(refused(args().setCredentialsId(""), "credentialsId").contains("Secret text"));
        PurgeSettings dry = resolve(args().setCredentialsId(null).setDryRun(true));
        assertEquals("", dry.credentialsId());
        assertTrue(dry.dryRun());
    }

    @Test
    void aPrefixWithoutSchemeIsNamed() {
        String message = refused(args().setUrlPrefixes("www.example.com"), "urlPrefixes");
        assertTrue(message.contains("https://www.example.com"), message);
    }

    @Test
    void aPrefixWithAQueryIsRefused() {
        assertTrue(refused(args().setUrlPrefixes("https://www.example.com/?v=1"), "urlPrefixes")
                .contains("query"));
    }

    @Test
    void purgingTheChangesNeedsAPrefix() {
        assertTrue(refused(args().setUrlPrefixes(null), "urlPrefixes").contains("no URL prefix"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "sourceRoot|public/**",
                "includes|**/*.{css",
                "excludes|../secret/**",
                "indexDocuments|docs/index.html",
                "extraUrls|ftp://x.example.com/a",
                "variants|mobile",
                "fallback|purge-all",
                "onFailure|explode"
            })
    void eachBadArgumentIsNamed(String argument, String value) {
        PurgeArguments a = args();
        switch (argument) {
            case "sourceRoot" -> a.setSourceRoot(value);
            case "includes" -> a.setIncludes(value);
            case "excludes" -> a.setExcludes(value);
            case "indexDocuments" -> a.setIndexDocuments(value);
            case "extraUrls" -> a.setExtraUrls(value);
            case "variants" -> a.setVariants(value);
            case "fallback" -> a.setFallback(value);
            case "onFailure" -> a.setOnFailure(value);
            default -> throw new AssertionError(argument);
        }
        refused(a, argument);
    }

    @Test
    void maxUrlsMustBePositive() {
        refused(args().setMaxUrls(0), "maxUrls");
    }

    @Test
    void thePlannerGetsEverySetting() {
        PlannerSettings p = resolve(args().setUrlPrefixes("https://www.example.com, https://cdn.example.com/site")
                        .setSourceRoot("public")
                        .setIncludes("**/*.css\n**/*.html")
                        .setExcludes("drafts/**")
                        .setIndexDocuments("index.html, index.htm")
                        .setPurgeDirectoryWithoutSlash(true)
                        .setExtraUrls("/sitemap.xml\nhttps://api.example.com/feed.json")
                        .setVariants("CF-Device-Type: mobile")
                        .setMaxUrls(42)
                        .setFallback("Prefixes"))
                .planner()
                .orElseThrow();
        assertEquals(2, p.prefixes().size());
        assertEquals("public/", p.sourceRoot());
        assertEquals(List.of("**/*.css", "**/*.html"), p.includes().patterns());
        assertEquals(List.of("drafts/**"), p.excludes().patterns());
        assertEquals(List.of("index.html", "index.htm"), p.indexDocuments());
        assertTrue(p.purgeDirectoryWithoutSlash());
        assertEquals(List.of("/sitemap.xml", "https://api.example.com/feed.json"), p.extraPaths());
        assertEquals(List.of(Map.of("CF-Device-Type", "mobile")), p.variants());
        assertEquals(42, p.maxUrls());
        assertEquals(FallbackPolicy.PREFIXES, p.tooManyUrlsFallback());
        assertEquals(FallbackPolicy.PREFIXES, p.noChangesetFallback());
    }

    @Test
    void indexDocumentsDefaultToIndexHtmlAndBlankMeansNone() {
        assertEquals(
                List.of("index.html"), resolve(args()).planner().orElseThrow().indexDocuments());
        assertEquals(
                List.of("index.html"),
                resolve(args().setIndexDocuments(null)).planner().orElseThrow().indexDocuments());
        assertEquals(
                List.of(),
                resolve(args().setIndexDocuments("")).planner().orElseThrow().indexDocuments());
    }

    @Test
    void explicitTargetsReplaceTheChanges() {
        assertEquals(
                PurgeSettings.Target.EVERYTHING,
                resolve(args().setPurgeEverything(true)).target());
        PurgeSettings tags = resolve(args().setTags("release 42, blog\nstatic"));
        assertEquals(PurgeSettings.Target.TAGS, tags.target());
        assertEquals(List.of("release 42", "blog", "static"), tags.values());
        PurgeSettings hosts = resolve(args().setHosts("www.example.com static.example.com"));
        assertEquals(List.of("www.example.com", "static.example.com"), hosts.values());
        assertEquals(
                PurgeSettings.Target.PREFIXES,
                resolve(args().setPrefixes("www.example.com/blog")).target());
        PurgeSettings paths = resolve(args().setPaths("/a b.css\n/c,d.js"));
        assertEquals(List.of("/a b.css", "/c,d.js"), paths.values());
    }

    @Test
    void explicitTargetsNeedNoUrlPrefix() {
        PurgeArguments a = args().setUrlPrefixes(null);
        assertTrue(resolve(a.setPurgeEverything(true)).planner().isEmpty());
        assertTrue(resolve(args().setUrlPrefixes(null).setTags("t")).planner().isEmpty());
        assertTrue(resolve(args().setUrlPrefixes(null).setPaths("https://www.example.com/a.css"))
                .planner()
                .isEmpty());
        assertTrue(refused(args().setUrlPrefixes(null).setPaths("/a.css"), "urlPrefixes")
                .contains("no URL prefix"));
    }

    @Test
    void onlyOneExplicitTargetAtATime() {
        String message = refused(args().setPurgeEverything(true).setTags("t"), "tags");
        assertTrue(message.contains("purgeEverything and tags"), message);
        assertTrue(refused(args().setHosts("a.example.com").setPaths("/x"), "paths")
                .contains("hosts and paths"));
    }

    @Test
    void explicitValuesAreCheckedUpFront() {
        assertTrue(refused(args().setHosts("https://www.example.com"), "hosts").contains("scheme"));
        assertTrue(refused(args().setPrefixes("https://www.example.com/blog"), "prefixes")
                .contains("scheme"));
        refused(args().setPaths("/a#b"), "paths");
    }

    @Test
    void valuesSplitOnNewLinesCommasAndSpaces() {
        assertEquals(List.of("a", "b", "c"), PurgeSettings.values(" a,b\n\nc  a ", false));
        assertEquals(List.of("a b", "c"), PurgeSettings.values("a b,\nc", true));
        assertEquals(List.of(), PurgeSettings.values(null, false));
        assertEquals(List.of("a, b", "c d"), PurgeSettings.lines(" a, b \n\n c d"));
    }

    @Test
    void parsesFallbacks() {
        assertEquals(FallbackPolicy.EVERYTHING, PurgeSettings.parseFallback(null));
        assertEquals(FallbackPolicy.SKIP, PurgeSettings.parseFallback("skip"));
        assertEquals(FallbackPolicy.HOSTS, PurgeSettings.parseFallback(" HOSTS "));
    }

    @Test
    void theCallerAppearsInMessages() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> PurgeSettings.resolve("Cloudflare cache purge", args().setZoneId("x"), null, null, null));
        assertTrue(e.getMessage().startsWith("Cloudflare cache purge: zoneId: "), e.getMessage());
    }

    @Test
    void aSiteDirectoryIsKeptAndNeedsNoSourceRoot() {
        PurgeSettings s = resolve(args().setSiteDirectory(" dist/site "));
        assertEquals(Optional.of("dist/site"), s.siteDirectory());
        assertEquals("", s.planner().orElseThrow().sourceRoot());
        assertEquals(List.of("https://www.example.com"), s.urlPrefixes());
        assertTrue(resolve(args()).siteDirectory().isEmpty());
    }

    @Test
    void aSiteDirectoryWithASourceRootIsRefusedWithOneMessage() {
        String message = refused(args().setSiteDirectory("public").setSourceRoot("public"), "siteDirectory");
        assertTrue(message.contains("give siteDirectory or sourceRoot, not both"), message);
    }

    @ParameterizedTest
    @CsvSource({
        "/var/www/public, not relative to the workspace",
        "C:\\site, not relative to the workspace",
        "\\\\server\\share, not relative to the workspace",
        "../public, leaves the workspace",
        "site/../../x, leaves the workspace",
        "public/*, is a pattern"
    })
    void aSiteDirectoryOutsideTheWorkspaceIsRefused(String directory, String expected) {
        String message = refused(args().setSiteDirectory(directory), "siteDirectory");
        assertTrue(message.contains(expected), message);
        // The form's check says what the build says.
        String form = PurgeSettings.checkSiteDirectory(directory).orElseThrow();
        assertTrue(message.endsWith(form), message + " / " + form);
    }

    @Test
    void aFolderInsideTheWorkspaceIsNoProblemForTheForm() {
        for (String folder : new String[] {"public", "dist/site", " build/www ", "", "   "}) {
            assertEquals(Optional.empty(), PurgeSettings.checkSiteDirectory(folder), folder);
        }
        assertEquals(Optional.empty(), PurgeSettings.checkSiteDirectory(null));
    }

    @Test
    void aSiteDirectoryOnlyGoesWithPurgingTheChanges() {
        String message = refused(args().setSiteDirectory("public").setTags("blog"), "siteDirectory");
        assertTrue(message.contains("cannot be combined with tags"), message);
    }

    @Test
    void aRepositoryFilterIsKeptForTheChangesOnly() {
        assertEquals(
                Optional.of("acme/site"),
                resolve(args().setRepository(" acme/site ")).repository());
        assertTrue(resolve(args().setRepository(" ")).repository().isEmpty());
        String tags = refused(args().setRepository("acme/site").setTags("blog"), "repository");
        assertTrue(tags.contains("cannot be combined with tags"), tags);
        String site = refused(args().setRepository("acme/site").setSiteDirectory("public"), "repository");
        assertTrue(site.contains("remove repository or siteDirectory"), site);
    }
}
