package io.jenkins.plugins.cloudflarepurge.engine.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryPathTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "public/css/site.css        | public/css/site.css",
                "public\\css\\site.css      | public/css/site.css",
                ".\\public\\index.html      | public/index.html",
                "./public/index.html        | public/index.html",
                "/public/index.html         | public/index.html",
                "public//css///site.css     | public/css/site.css",
                "public/./css/site.css      | public/css/site.css",
                "public/css/                | public/css",
                "././a.txt                  | a.txt",
                ".well-known/security.txt   | .well-known/security.txt",
                ".htaccess                  | .htaccess",
                "a/.../b                    | a/.../b",
                "a/..b/c..                  | a/..b/c..",
                "docs/Café Menu.HTML        | docs/Café Menu.HTML",
                "文档/索引.html              | 文档/索引.html",
            })
    void normalisesSeparatorsAndDropsWhatMeansNothing(String raw, String expected) {
        assertEquals(expected, RepositoryPath.normalize(raw));
    }

    @Test
    void returnsACleanPathItself() {
        String clean = "public/css/site.css";
        assertSame(clean, RepositoryPath.normalize(clean));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.txt", "public/../../etc/passwd", "a\\..\\b", "a/.."})
    void refusesADotDotSegment(String raw) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RepositoryPath.normalize(raw));
        assertTrue(e.getMessage().contains("'" + raw + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("'..'"), e.getMessage());
    }

    @Test
    void refusesControlCharactersAndShowsThemEscaped() {
        IllegalArgumentException nul =
                assertThrows(IllegalArgumentException.class, () -> RepositoryPath.normalize("a\u0000b.txt"));
        assertEquals("Refused path 'a\\u0000b.txt': it contains the control character U+0000.", nul.getMessage());
        IllegalArgumentException newline =
                assertThrows(IllegalArgumentException.class, () -> RepositoryPath.normalize("a\nb.txt"));
        assertTrue(newline.getMessage().contains("'a\\u000Ab.txt'"), newline.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RepositoryPath.normalize("a\u007Fb"));
        assertThrows(IllegalArgumentException.class, () -> RepositoryPath.normalize("a\u0085b"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "C:\\work\\site\\index.html",
                "c:/site/index.html",
                "\\\\server\\share\\a.txt",
                "//server/share/a.txt"
            })
    void refusesAbsoluteWindowsAndNetworkPaths(String raw) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RepositoryPath.normalize(raw));
        assertTrue(e.getMessage().contains("outside the repository"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "./", ".", "//", "\\"})
    void refusesAPathThatNamesNoFile(String raw) {
        assertThrows(IllegalArgumentException.class, () -> RepositoryPath.normalize(raw));
    }

    @Test
    void refusesALoneSurrogate() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RepositoryPath.normalize("a\uDC00.txt"));
        assertTrue(e.getMessage().contains("not valid Unicode"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a:/x", "z:/x", "A:\\x", "Z:"})
    void refusesEveryDriveLetter(String raw) {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RepositoryPath.normalize(raw))
                .getMessage()
                .contains("drive letter"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"@:/x", "[:/x", "`:/x", "{:/x", "1:/x", "docs/c:/x", "ab:/x"})
    void aColonElsewhereIsAnOrdinaryName(String raw) {
        assertEquals(raw, RepositoryPath.normalize(raw));
    }

    @Test
    void refusesAHighSurrogateAtTheEndAndKeepsAPair() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RepositoryPath.normalize("a\uD83D"))
                .getMessage()
                .contains("not valid Unicode"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RepositoryPath.normalize("\uD83Da"))
                .getMessage()
                .contains("not valid Unicode"));
        assertEquals("\uD83D\uDE00.png", RepositoryPath.normalize("\uD83D\uDE00.png"));
    }

    @Test
    void printableEscapesControlsAndLoneSurrogatesOnly() {
        assertEquals("a\uD83D\uDE00b", RepositoryPath.printable("a\uD83D\uDE00b"));
        assertEquals("a\\uDE00", RepositoryPath.printable("a\uDE00"));
        assertEquals("\\uDE00", RepositoryPath.printable("\uDE00"));
        assertEquals("\\uD83Dx", RepositoryPath.printable("\uD83Dx"));
        assertEquals("x\\uD83D", RepositoryPath.printable("x\uD83D"));
        assertEquals("\\uDE00\\uD83D", RepositoryPath.printable("\uDE00\uD83D"));
        assertEquals("a\\u0009b", RepositoryPath.printable("a\tb"));
        assertEquals("Café", RepositoryPath.printable("Café"));
    }
}
