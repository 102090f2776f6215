package io.jenkins.plugins.cloudflarepurge.engine.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PurgeInputsTest {

    private static final String ZONE = "0123456789abcdef0123456789abcdef";

    @Test
    void aZoneIdIsAcceptedAndLowerCased() {
        assertEquals(ZONE, PurgeInputs.checkZoneId(" " + ZONE.toUpperCase() + " "));
    }

    @Test
    void aZoneNameGetsItsOwnHint() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> PurgeInputs.checkZoneId("example.com"));
        assertTrue(e.getMessage().contains("'example.com' looks like a zone name"), e.getMessage());
        assertTrue(e.getMessage().contains("32-character"), e.getMessage());
        assertEquals("zone ID", e.field());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0123456789abcdef0123456789abcde",
                "0123456789abcdef0123456789abcdefa",
                "0123456789abcdef0123456789abcdeg"
            })
    void aZoneIdOfTheWrongShapeIsRefused(String zone) {
        String message = PurgeInputs.zoneIdProblem(zone).orElseThrow();
        assertTrue(message.contains("'" + zone + "' is not a zone ID"), message);
    }

    @Test
    void anEmptyZoneIdSaysWhereToFindOne() {
        assertTrue(PurgeInputs.zoneIdProblem("").orElseThrow().contains("Overview"));
    }

    private static Optional<String> url(String value) {
        return PurgeInputs.itemProblem(PurgeScope.Kind.URLS, PurgeItem.of(value));
    }

    @Test
    void goodUrlsPass() {
        assertEquals(Optional.empty(), url("https://www.example.com/css/site.css"));
        assertEquals(Optional.empty(), url("http://www.example.com:8080/a%20b.css?v=2"));
    }

    @Test
    void aUrlWithoutSchemeIsRefusedWithTheFix() {
        String message = url("www.example.com/a.css").orElseThrow();
        assertTrue(message.contains("has no scheme"), message);
    }

    @Test
    void onlyHttpAndHttpsMayBePurged() {
        assertTrue(url("ftp://www.example.com/a.css").orElseThrow().contains("'ftp'"));
    }

    @Test
    void aRawSpaceIsRefused() {
        assertTrue(url("https://www.example.com/a b.css").orElseThrow().contains("%20"));
    }

    @Test
    void aFragmentIsRefused() {
        assertTrue(url("https://www.example.com/a.css#x").orElseThrow().contains("fragment"));
    }

    @Test
    void userInfoIsRefused() {
        assertTrue(url("https://user:pw@www.example.com/a.css").orElseThrow().contains("user name"));
    }

    @Test
    void anOverlongUrlIsRefused() {
        assertTrue(url("https://www.example.com/" + "a".repeat(PurgeInputs.MAX_URL_LENGTH))
                .orElseThrow()
                .contains("longer than"));
    }

    @Test
    void prefixesTakeNoSchemeAndNoQuery() {
        assertEquals(
                Optional.empty(),
                PurgeInputs.itemProblem(PurgeScope.Kind.PREFIXES, PurgeItem.of("www.example.com/assets")));
        assertTrue(PurgeInputs.itemProblem(PurgeScope.Kind.PREFIXES, PurgeItem.of("https://www.example.com/assets"))
                .orElseThrow()
                .contains("e.g. www.example.com/assets"));
        assertTrue(PurgeInputs.itemProblem(PurgeScope.Kind.PREFIXES, PurgeItem.of("www.example.com/a?b=1"))
                .orElseThrow()
                .contains("query"));
    }

    @Test
    void prefixesHaveAtMost31Separators() {
        String ok = "www.example.com" + "/a".repeat(31);
        String tooDeep = "www.example.com" + "/a".repeat(32);
        assertEquals(Optional.empty(), PurgeInputs.itemProblem(PurgeScope.Kind.PREFIXES, PurgeItem.of(ok)));
        assertTrue(PurgeInputs.itemProblem(PurgeScope.Kind.PREFIXES, PurgeItem.of(tooDeep))
                .orElseThrow()
                .contains("32 path separators"));
    }

    @Test
    void hostsAreBareHostNames() {
        assertEquals(Optional.empty(), PurgeInputs.itemProblem(PurgeScope.Kind.HOSTS, PurgeItem.of("www.example.com")));
        assertTrue(PurgeInputs.itemProblem(PurgeScope.Kind.HOSTS, PurgeItem.of("https://www.example.com"))
                .orElseThrow()
                .contains("host name only"));
        assertTrue(PurgeInputs.itemProblem(PurgeScope.Kind.HOSTS, PurgeItem.of("bad_host!"))
                .orElseThrow()
                .contains("not a valid host name"));
    }

    @Test
    void tagsMayHoldSpacesButNotControlCharactersOrExcessLength() {
        assertEquals(Optional.empty(), PurgeInputs.itemProblem(PurgeScope.Kind.TAGS, PurgeItem.of("release 42")));
        assertTrue(PurgeInputs.itemProblem(PurgeScope.Kind.TAGS, PurgeItem.of("a\u0007b"))
                .orElseThrow()
                .contains("\\u0007"));
        assertTrue(PurgeInputs.itemProblem(
                        PurgeScope.Kind.TAGS, PurgeItem.of("t".repeat(PurgeInputs.MAX_TAG_LENGTH + 1)))
                .orElseThrow()
                .contains("longer than"));
    }

    @Test
    void checkScopeNamesTheKindOfTheFirstBadItem() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> PurgeInputs.checkScope(
                        PurgeScope.urls(List.of(PurgeItem.of("https://ok.example.com/a"), PurgeItem.of("nope")))));
        assertEquals("URL", e.field());
        assertTrue(e.getMessage().contains("'nope'"));
    }

    static Optional<String> problem(PurgeScope.Kind kind, String value) {
        return PurgeInputs.itemProblem(kind, PurgeItem.of(value));
    }

    @Test
    void eachLengthLimitAcceptsItsLimitAndRefusesOneMore() {
        String url = "https://www.example.com/";
        assertEquals(
                Optional.empty(),
                problem(PurgeScope.Kind.URLS, url + "a".repeat(PurgeInputs.MAX_URL_LENGTH - url.length())));
        assertTrue(problem(PurgeScope.Kind.URLS, url + "a".repeat(PurgeInputs.MAX_URL_LENGTH - url.length() + 1))
                .orElseThrow()
                .contains("longer than 8192 characters"));
        assertEquals(Optional.empty(), problem(PurgeScope.Kind.TAGS, "t".repeat(PurgeInputs.MAX_TAG_LENGTH)));
        String host = ("a".repeat(62) + ".").repeat(4) + "a".repeat(1);
        assertEquals(PurgeInputs.MAX_HOST_LENGTH, host.length());
        assertEquals(Optional.empty(), problem(PurgeScope.Kind.HOSTS, host));
        assertTrue(problem(PurgeScope.Kind.HOSTS, host + "a").orElseThrow().contains("not a valid host name"));
        String prefix = "www.example.com/" + "p".repeat(PurgeInputs.MAX_PREFIX_LENGTH - 16);
        assertEquals(Optional.empty(), problem(PurgeScope.Kind.PREFIXES, prefix));
        assertTrue(
                problem(PurgeScope.Kind.PREFIXES, prefix + "p").orElseThrow().contains("longer than 1024 characters"));
    }

    @Test
    void longValuesAreShortenedInMessagesAndShortOnesQuotedWhole() {
        String eighty = "t".repeat(80);
        String tag = "t".repeat(PurgeInputs.MAX_TAG_LENGTH + 1);
        assertTrue(problem(PurgeScope.Kind.TAGS, tag).orElseThrow().contains("'" + "t".repeat(77) + "...'"));
        assertTrue(problem(PurgeScope.Kind.HOSTS, eighty + "!").orElseThrow().contains("'" + "t".repeat(77) + "...'"));
        assertTrue(problem(PurgeScope.Kind.HOSTS, eighty.substring(1) + "!")
                .orElseThrow()
                .contains("'" + eighty.substring(1) + "!'"));
    }

    @Test
    void emptyItemsAreRefusedByKind() {
        assertEquals(Optional.of("An empty URL cannot be purged."), problem(PurgeScope.Kind.URLS, " "));
        assertEquals(Optional.of("An empty prefix cannot be purged."), problem(PurgeScope.Kind.PREFIXES, ""));
    }

    @Test
    void aUrlThatIsNoUriOrHasNoHostSaysSo() {
        assertTrue(problem(PurgeScope.Kind.URLS, "https://www.example.com/a|b")
                .orElseThrow()
                .contains("is not a valid URL (Illegal character in path at index 25)"));
        assertEquals(
                Optional.of("The URL 'https:///a.css' has no host name."),
                problem(PurgeScope.Kind.URLS, "https:///a.css"));
        assertEquals(
                Optional.of("The URL 'file://x/a' uses the scheme 'file': Cloudflare purges only http and https URLs."),
                problem(PurgeScope.Kind.URLS, "file://x/a"));
        assertEquals(
                Optional.of("The URL 'a.css' has no scheme: write it in full, e.g. https://www.example.com/a.css."),
                problem(PurgeScope.Kind.URLS, "a.css"));
        assertEquals(
                Optional.of("The URL '/a.css' has no scheme: write it in full, e.g. https://www.example.com/a.css."),
                problem(PurgeScope.Kind.URLS, "/a.css"));
    }

    @Test
    void aPrefixMustStartWithAHost() {
        assertEquals(
                Optional.of("The prefix '/assets' must start with a host name, e.g. www.example.com/assets."),
                problem(PurgeScope.Kind.PREFIXES, "/assets"));
        assertEquals(Optional.empty(), problem(PurgeScope.Kind.PREFIXES, "www.example.com"));
        assertEquals(Optional.empty(), problem(PurgeScope.Kind.HOSTS, "www.example.com:8443"));
    }

    @Test
    void whitespaceIsRefusedOutsideTagsAndControlsEverywhere() {
        assertTrue(problem(PurgeScope.Kind.HOSTS, "a b.example.com")
                .orElseThrow()
                .endsWith("contains a space or control character."));
        assertTrue(problem(PurgeScope.Kind.TAGS, "a\tb").orElseThrow().contains("'a\\u0009b'"));
        assertEquals(Optional.of("A purge of everything takes no items."), problem(PurgeScope.Kind.EVERYTHING, "x"));
    }
}
