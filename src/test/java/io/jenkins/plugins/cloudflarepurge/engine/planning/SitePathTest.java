package io.jenkins.plugins.cloudflarepurge.engine.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SitePathTest {

    static String refusal(String raw) {
        return assertThrows(InvalidSettingException.class, () -> SitePath.parse("Extra path", raw))
                .getMessage();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/sitemap.xml        | /sitemap.xml",
                "sitemap.xml         | /sitemap.xml",
                "/                   | /",
                "/docs/              | /docs/",
                "?v=2                | /?v=2",
                "/feed?x=a b         | /feed?x=a%20b",
                "/a b/c.html         | /a%20b/c.html",
            })
    void spellsThePathABrowserRequests(String raw, String expected) {
        assertEquals(expected, SitePath.parse("Extra path", raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a//b", "/./a", "/a/../b", "//", "/a/./"})
    void refusesEmptyDotAndDotDotSegments(String raw) {
        assertTrue(refusal(raw)
                .endsWith("has an empty, '.' or '..' segment: write the path a browser shows, such as"
                        + " /blog/feed.xml"));
    }

    @Test
    void eachProblemIsNamedWithTheValue() {
        assertEquals("Extra path is empty: write a path such as /sitemap.xml", refusal(" "));
        assertEquals("Extra path '/a\\u0085b' contains a control character: remove it", refusal("/a\u0085b"));
        assertEquals("Extra path '\\a' contains a backslash: URL paths use '/'", refusal("\\a"));
        assertTrue(refusal("#top").contains("has a fragment ('#top')"));
        assertTrue(refusal("/a#b").contains("has a fragment ('#b')"));
    }
}
