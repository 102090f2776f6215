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
}
