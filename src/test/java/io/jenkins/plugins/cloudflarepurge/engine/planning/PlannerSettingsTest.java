package io.jenkins.plugins.cloudflarepurge.engine.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerSettingsTest {

    private static PlannerSettings.Builder site() {
        return PlannerSettings.builder().prefixes("https://www.example.org");
    }

    @Test
    void hasDefaultsAPersonCanRelyOn() {
        PlannerSettings s = site().build();
        assertEquals("", s.sourceRoot());
        assertTrue(s.includes().isEmpty());
        assertTrue(s.excludes().isEmpty());
        assertEquals(List.of("index.html"), s.indexDocuments());
        assertFalse(s.purgeDirectoryWithoutSlash());
        assertEquals(List.of(), s.extraPaths());
        assertEquals(List.of(), s.variants());
        assertEquals(PlannerSettings.DEFAULT_MAX_URLS, s.maxUrls());
        assertEquals(FallbackPolicy.EVERYTHING, s.tooManyUrlsFallback());
        assertEquals(FallbackPolicy.EVERYTHING, s.noChangesetFallback());
    }

    @Test
    void needsAPrefixAndDropsRepeatedOnes() {
        InvalidSettingException e = assertThrows(
                InvalidSettingException.class, () -> PlannerSettings.builder().build());
        assertTrue(e.getMessage().contains("No URL prefix"), e.getMessage());
        PlannerSettings s = PlannerSettings.builder()
                .prefixes("https://www.example.org", "https://WWW.example.org/", "https://cdn.example.org/x")
                .build();
        assertEquals(
                List.of("https://www.example.org", "https://cdn.example.org/x"),
                s.prefixes().stream().map(Object::toString).toList());
    }

    @Test
    void normalisesTheSourceRoot() {
        assertEquals("public/", site().sourceRoot("public").build().sourceRoot());
        assertEquals("public/", site().sourceRoot("./public/").build().sourceRoot());
        assertEquals("site/_site/", site().sourceRoot("site\\_site\\").build().sourceRoot());
        assertEquals("", site().sourceRoot("./").build().sourceRoot());
        assertEquals("", site().sourceRoot(null).build().sourceRoot());
        assertEquals(Optional.empty(), PlannerSettings.checkSourceRoot("dist/"));
        assertTrue(PlannerSettings.checkSourceRoot("../site")
                .orElseThrow()
                .startsWith("Source root '../site' is not a folder inside the repository"));
        assertTrue(PlannerSettings.checkSourceRoot("public/**").orElseThrow().contains("is a pattern"));
    }

    @Test
    void refusesPatternsThatRepeatTheSourceRoot() {
        InvalidSettingException e = assertThrows(
                InvalidSettingException.class,
                () -> site().sourceRoot("public/").includes("public/**/*.css").build());
        assertEquals(
                "Includes pattern 'public/**/*.css' starts with the source root 'public/': patterns match the paths below it, so write '**/*.css'",
                e.getMessage());
        assertEquals("Includes", e.field());
        assertEquals(
                "Ant pattern 'public/drafts/**' starts with the source root 'public/': patterns match the paths below it, so write 'drafts/**'",
                PlannerSettings.checkPatterns("public/drafts/**", "public").orElseThrow());
        assertEquals(Optional.empty(), PlannerSettings.checkPatterns("drafts/**", "public"));
        assertEquals(Optional.empty(), PlannerSettings.checkPatterns("public/**", ""));
        assertTrue(PlannerSettings.checkPatterns("**/*.{css,js}")
                .orElseThrow()
                .startsWith("Ant pattern '**/*.{css' looks like half of"));
    }

    @Test
    void readsIndexDocuments() {
        assertEquals(
                List.of("index.html", "index.htm"),
                site().indexDocuments("index.html, index.htm,,index.html")
                        .build()
                        .indexDocuments());
        assertEquals(List.of(), site().indexDocuments(" ").build().indexDocuments(), "blank turns the rule off");
        assertEquals(
                List.of("index.html"), site().indexDocuments(null).build().indexDocuments(), "null is the default");
        assertTrue(PlannerSettings.checkIndexDocuments("docs/index.html")
                .orElseThrow()
                .contains("is not a file name"));
        assertTrue(PlannerSettings.checkIndexDocuments("*.html").isPresent());
    }

    @Test
    void readsExtraPathsAndUrls() {
        PlannerSettings s = site().extraPaths(List.of(
                        "/",
                        "sitemap.xml",
                        " /feed.xml?format=rss ",
                        "",
                        "https://Other.example.org/a b.xml",
                        "/sitemap.xml"))
                .build();
        assertEquals(
                List.of("/", "/sitemap.xml", "/feed.xml?format=rss", "https://other.example.org/a%20b.xml"),
                s.extraPaths());
        assertTrue(PlannerSettings.checkExtraPath("/feed.xml#x").orElseThrow().contains("has a fragment"));
        assertTrue(PlannerSettings.checkExtraPath("/a/../b").orElseThrow().contains("'..'"));
        assertTrue(PlannerSettings.checkExtraPath("ftp://x.org/a").orElseThrow().contains("scheme 'ftp'"));
        assertEquals(Optional.empty(), PlannerSettings.checkExtraPath("https://www.example.org/sitemap.xml"));
    }

    @Test
    void checksVariants() {
        PlannerSettings s = site().variants(List.of(
                        Map.of("CF-Device-Type", "mobile"),
                        Map.of(" CF-Device-Type ", " mobile "),
                        Map.of("CF-Device-Type", "tablet", "Accept-Language", "de")))
                .build();
        assertEquals(2, s.variants().size(), "an equal header set counts once");
        assertTrue(PlannerSettings.checkVariant(Map.of()).orElseThrow().contains("is empty"));
        assertTrue(PlannerSettings.checkVariant(Map.of("CF Device", "x"))
                .orElseThrow()
                .contains("not a valid HTTP header name"));
        assertTrue(PlannerSettings.checkVariant(Map.of("CF-Device-Type", "a\r\nX: y"))
                .orElseThrow()
                .contains("non-empty value on one line"));
        assertTrue(PlannerSettings.checkVariant(Map.of("cf-device-type", "a", "CF-Device-Type", "b"))
                .orElseThrow()
                .contains("twice"));
    }

    @Test
    void checksTheUrlLimit() {
        assertEquals(Optional.empty(), PlannerSettings.checkMaxUrls(1));
        assertTrue(PlannerSettings.checkMaxUrls(0).orElseThrow().contains("give at least 1"));
        assertThrows(InvalidSettingException.class, () -> site().maxUrls(-5).build());
    }

    @Test
    void checksAPrefixForTheForm() {
        assertEquals(
                Optional.of("URL prefix 'www.example.org' has no scheme: write https://www.example.org"),
                PlannerSettings.checkPrefix("www.example.org"));
        assertEquals(Optional.empty(), PlannerSettings.checkPrefix("https://www.example.org"));
        assertTrue(PlannerSettings.checkPrefix(null).isPresent());
    }

    @Test
    void splitsLines() {
        assertEquals(List.of("/", "/feed.xml"), PlannerSettings.lines(" /\r\n\n /feed.xml \n"));
        assertEquals(List.of(), PlannerSettings.lines(null));
    }

    @Test
    void settingAListAgainReplacesItAndNullClearsIt() {
        PlannerSettings s = site().prefixes("https://a.example.org")
                .prefixes("https://b.example.org")
                .extraPaths(List.of("/a.xml"))
                .extraPaths(List.of("/b.xml"))
                .variants(List.of(Map.of("CF-Device-Type", "mobile")))
                .variants(List.of(Map.of("CF-Device-Type", "tablet")))
                .build();
        assertEquals("https://b.example.org", s.prefixes().get(0).toString());
        assertEquals(1, s.prefixes().size());
        assertEquals(List.of("/b.xml"), s.extraPaths());
        assertEquals(List.of(Map.of("CF-Device-Type", "tablet")), s.variants());
        PlannerSettings cleared = site().extraPaths(List.of("/a.xml"))
                .extraPaths(null)
                .variants(List.of(Map.of("CF-Device-Type", "mobile")))
                .variants(null)
                .build();
        assertEquals(List.of(), cleared.extraPaths());
        assertEquals(List.of(), cleared.variants());
        assertThrows(
                InvalidSettingException.class,
                () -> site().prefixes((List<String>) null).build());
    }

    @Test
    void excludesMayNotRepeatTheSourceRootEither() {
        InvalidSettingException e = assertThrows(
                InvalidSettingException.class,
                () -> site().sourceRoot("public").excludes("public/**/*.map").build());
        assertEquals("Excludes", e.field());
        assertTrue(e.getMessage().endsWith("so write '**/*.map'"), e.getMessage());
    }

    @Test
    void aSourceRootIsAFolderNotAPattern() {
        for (String pattern : List.of("*", "*public", "pub?ic", "?")) {
            InvalidSettingException e = assertThrows(
                    InvalidSettingException.class,
                    () -> site().sourceRoot(pattern).build());
            assertTrue(e.getMessage().contains("is a pattern"), pattern + ": " + e.getMessage());
        }
        InvalidSettingException outside = assertThrows(
                InvalidSettingException.class,
                () -> site().sourceRoot("../site").build());
        assertTrue(
                outside.getMessage().startsWith("Source root '../site' is not a folder inside the repository: Refused"),
                outside.getMessage());
    }

    @Test
    void anIndexDocumentIsAFileNameWhereverItsOddCharacterStands() {
        for (String name : List.of("/index.html", "\\index.html", "*", "?.html", ".", "..", "a\u0001b")) {
            assertTrue(PlannerSettings.checkIndexDocuments(name).orElseThrow().contains("is not a file name"), name);
        }
        assertEquals(Optional.empty(), PlannerSettings.checkIndexDocuments("index.html,default.htm"));
    }
}
