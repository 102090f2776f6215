package io.jenkins.plugins.cloudflarepurge.engine.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPrefixTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://www.example.org               | https://www.example.org",
                "https://www.example.org/              | https://www.example.org",
                "  https://www.example.org/  \t        | https://www.example.org",
                "HTTPS://WWW.Example.ORG/Site/         | https://www.example.org/Site",
                "https://cdn.example.org/site          | https://cdn.example.org/site",
                "https://cdn.example.org/site//        | https://cdn.example.org/site",
                "https://www.example.org:443/          | https://www.example.org",
                "http://www.example.org:80             | http://www.example.org",
                "http://localhost:8080/a/b             | http://localhost:8080/a/b",
                "https://www.example.org:8443          | https://www.example.org:8443",
                "https://bücher.example/Über uns       | https://xn--bcher-kva.example/%C3%9Cber%20uns",
                "https://cdn.example.org/a%20b         | https://cdn.example.org/a%20b",
                "https://cdn.example.org/a+b           | https://cdn.example.org/a+b",
            })
    void normalisesSchemeHostPortAndBasePath(String raw, String expected) {
        assertEquals(expected, UrlPrefix.parse(raw).toString());
    }

    @Test
    void spellsUrlsBelowIt() {
        UrlPrefix root = UrlPrefix.parse("https://www.example.org/");
        UrlPrefix site = UrlPrefix.parse("https://cdn.example.org/site/");
        assertEquals(Optional.of("https://www.example.org/a.css"), root.url("/a.css"));
        assertEquals(Optional.of("https://cdn.example.org/site/a.css"), site.url("/a.css"));
        assertEquals(Optional.of("https://cdn.example.org/site/"), site.url("/"));
        assertEquals(Optional.of("https://cdn.example.org/site"), site.url(""));
        assertEquals(Optional.empty(), root.url(""), "a browser always requests a bare origin as /");
    }

    @Test
    void givesThePrefixPurgeFormOnlyWithABasePath() {
        assertEquals(
                Optional.of("cdn.example.org/site"),
                UrlPrefix.parse("https://cdn.example.org:8443/site/").prefixPurgeForm());
        assertEquals(
                Optional.empty(), UrlPrefix.parse("https://www.example.org").prefixPurgeForm());
        assertEquals(
                Optional.empty(),
                UrlPrefix.parse("https://x.org" + "/a".repeat(32)).prefixPurgeForm(),
                "over 31 separators");
        assertEquals(
                "cdn.example.org",
                UrlPrefix.parse("https://CDN.example.org/site").host());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "www.example.org                       | has no scheme: write https://www.example.org",
                "www.example.org/site                  | has no scheme: write https://www.example.org/site",
                "/site                                 | has no scheme",
                "ftp://www.example.org                 | has the scheme 'ftp'",
                "https://www.example.org/?v=1          | has a query string",
                "https://www.example.org/#top          | has a fragment",
                "https://user:secret@www.example.org   | contains user info",
                "https:///site                         | has no host",
                "https://www.example.org:0             | has the port '0'",
                "https://www.example.org:99999         | has the port '99999'",
                "https://www.example.org:http          | has the port 'http'",
                "https://www.exa mple.org              | invalid host name",
                "https://www.example.org//site         | empty, '.' or '..' segment",
                "https://www.example.org/a/../b        | empty, '.' or '..' segment",
                "https:\\\\www.example.org             | backslash",
            })
    void refusesABadPrefixNamingItAndSayingHowToFixIt(String raw, String expected) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> UrlPrefix.parse(raw));
        assertTrue(e.getMessage().startsWith("URL prefix '" + raw + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals("URL prefix", e.field());
        assertEquals(raw, e.value());
        assertEquals(Optional.of(e.getMessage()), UrlPrefix.check(raw));
    }

    @Test
    void refusesAnEmptyPrefix() {
        assertEquals(
                Optional.of("URL prefix is empty: write a URL such as https://www.example.org"), UrlPrefix.check("  "));
    }

    @Test
    void aPrefixPurgeTakesAtMost31SeparatorsAndNeedsABasePath() {
        assertEquals(
                java.util.Optional.of("x.org" + "/a".repeat(31)), UrlPrefix.prefixPurgeForm("x.org", "/a".repeat(31)));
        assertEquals(java.util.Optional.empty(), UrlPrefix.prefixPurgeForm("x.org", "/a".repeat(32)));
        assertEquals(java.util.Optional.empty(), UrlPrefix.prefixPurgeForm("x.org", "/"));
        assertEquals(java.util.Optional.empty(), UrlPrefix.prefixPurgeForm("x.org", ""));
        assertEquals(java.util.Optional.of("x.org/site"), UrlPrefix.prefixPurgeForm("x.org", "/site/"));
    }

    @Test
    void twoPrefixesAreEqualWhenTheyNormaliseAlike() {
        UrlPrefix a = UrlPrefix.parse("https://X.org/site/");
        UrlPrefix b = UrlPrefix.parse("https://x.org:443/site");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        org.junit.jupiter.api.Assertions.assertNotEquals(a, UrlPrefix.parse("https://x.org/other"));
        org.junit.jupiter.api.Assertions.assertNotEquals(a, "https://x.org/site");
        assertEquals("/site", a.basePath());
        assertEquals("", UrlPrefix.parse("https://x.org").basePath());
    }
}
