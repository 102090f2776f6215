package io.jenkins.plugins.cloudflarepurge.engine.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpUrlTest {

    static String parsed(String raw) {
        return HttpUrl.parse("Extra URL", raw).toString();
    }

    static String refusal(String raw) {
        return assertThrows(InvalidSettingException.class, () -> HttpUrl.parse("Extra URL", raw))
                .getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://x.org", "http://x.org/a", "svn+ssh://x", "a-b.c://x", "H1://x"})
    void aSchemeIsLettersDigitsPlusMinusAndDotBeforeColonSlashSlash(String text) {
        assertTrue(HttpUrl.hasScheme(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"://x.org", "/a://b", "a b://c", "x.org/?next=https://y.org", "x.org", "a_b://c"})
    void anythingElseIsAPath(String text) {
        assertFalse(HttpUrl.hasScheme(text), text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "HTTPS://WWW.Example.ORG/A.css      | https://www.example.org/A.css",
                "https://x.org                      | https://x.org/",
                "https://x.org:443/a                | https://x.org/a",
                "http://x.org:80/a                  | http://x.org/a",
                "http://x.org:00080/a               | http://x.org/a",
                "https://x.org:80/a                 | https://x.org:80/a",
                "http://localhost:8090/a            | http://localhost:8090/a",
                "https://x.org:1/                   | https://x.org:1/",
                "https://x.org:65535/               | https://x.org:65535/",
                "https://x.org:/a                   | https://x.org/a",
                "https://x.org?v=2                  | https://x.org/?v=2",
                "https://x.org/a b?q=a b            | https://x.org/a%20b?q=a%20b",
                "http://[2001:DB8::1]:8080/a        | http://[2001:db8::1]:8080/a",
                "https://[::1]/                     | https://[::1]/",
                "https://bücher.example/             | https://xn--bcher-kva.example/",
            })
    void normalisesToTheCacheKeyABrowserSends(String raw, String expected) {
        assertEquals(expected, parsed(raw));
    }

    @Test
    void itsPartsAreWhatAPurgeOfHostsOrPrefixesTakes() {
        HttpUrl url = HttpUrl.parse("Extra URL", "http://WWW.x.org:8080/a/b?q=1");
        assertEquals("http", url.scheme());
        assertEquals("www.x.org", url.host());
        assertEquals("http://www.x.org:8080", url.origin());
        assertEquals("/a/b", url.path());
        assertEquals("q=1", url.query());
        assertNull(HttpUrl.parse("Extra URL", "https://x.org/").query());
    }

    @Test
    void eachProblemIsNamedWithTheValue() {
        assertEquals("Extra URL is empty: write a URL such as https://www.example.org", refusal("  "));
        assertEquals(
                "Extra URL 'https://x.org/a\\u007Fb' contains a control character: remove it",
                refusal("https://x.org/a\u007Fb"));
        assertEquals("Extra URL '\\\\x.org\\a' contains a backslash: URLs use '/'", refusal("\\\\x.org\\a"));
        assertEquals("Extra URL 'www.x.org' has no scheme: write https://www.x.org", refusal("www.x.org"));
        assertEquals("Extra URL '/a/b' has no scheme: write it as https://host/path", refusal("/a/b"));
        assertEquals(
                "Extra URL 'ftp://x.org/' has the scheme 'ftp': Cloudflare caches only https:// and http:// URLs",
                refusal("ftp://x.org/"));
        assertTrue(refusal("https://user:pw@x.org/")
                .startsWith("Extra URL 'https://user:pw@x.org/' contains user info" + " ('user:pw@'): remove it"));
        assertTrue(refusal("https://@x.org/").contains("contains user info ('@')"));
        assertTrue(refusal("https://x.org#top").contains("has a fragment ('#top')"));
        assertTrue(refusal("https://x.org/a?b#c").contains("has a fragment ('#c')"));
        assertEquals(
                "Extra URL 'https://:443/' has no host: write it as https://www.example.org", refusal("https://:443/"));
        assertEquals("Extra URL 'https:///a' has no host: write it as https://www.example.org", refusal("https:///a"));
        assertTrue(refusal("https://bad_host!/").contains("has the invalid host name 'bad_host!'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "123456", "8a", "-1", "99999"})
    void aPortIsANumberFromOneTo65535(String port) {
        assertTrue(
                refusal("https://x.org:" + port + "/")
                        .endsWith(" has the port '" + port + "': a port is a number from 1 to 65535"),
                port);
    }
}
