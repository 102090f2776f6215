package io.jenkins.plugins.cloudflarepurge.engine.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathPatternsTest {

    private static PathPatterns patterns(String text) {
        return PathPatterns.parse("Includes", text);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "**/*.css         | site.css                 | true",
                "**/*.css         | css/deep/site.css        | true",
                "**/*.css         | css/site.css.map         | false",
                "*.css            | css/site.css             | false",
                "assets/**        | assets/img/a.png         | true",
                "assets/**        | assets                   | true",
                "assets/**        | other/assets/a.png       | false",
                "assets/          | assets/img/a.png         | true",
                "/assets/**       | assets/a.png             | true",
                "./assets/**      | assets/a.png             | true",
                "assets\\**       | assets/a.png             | true",
                "**/*.CSS         | site.css                 | false",
                "**/*             | .well-known/security.txt | true",
                "**/.*            | a/.htaccess              | true",
                "**/.*            | a/b.txt                  | false",
                "docs/?.html      | docs/a.html              | true",
                "docs/?.html      | docs/ab.html             | false",
                "**/a b.txt       | x/a b.txt                | true",
                "**/café/**       | fr/café/menu.html        | true",
            })
    void matchesAsAntDoes(String pattern, String path, boolean expected) {
        assertEquals(expected, patterns(pattern).matches(path));
    }

    @Test
    void splitsOnCommasAndNewLinesAndNormalises() {
        PathPatterns p = patterns(" **/*.css, assets/\n/img/**\r\n\n,**/*.css ,");
        assertEquals(List.of("**/*.css", "assets/**", "img/**"), p.patterns());
        assertEquals("**/*.css, assets/**, img/**", p.toString());
    }

    @Test
    void blankMeansNoPatterns() {
        assertTrue(patterns("").isEmpty());
        assertTrue(patterns(" , \n ").isEmpty());
        assertFalse(patterns("**").isEmpty());
    }

    @Test
    void namesTheFirstMatchingPattern() {
        PathPatterns p = patterns("drafts/**, **/*.tmp");
        assertEquals("**/*.tmp", p.firstMatch(PathPatterns.tokenize("a/b.tmp")));
        assertEquals("drafts/**", p.firstMatch(PathPatterns.tokenize("drafts/b.tmp")));
        assertEquals(null, p.firstMatch(PathPatterns.tokenize("a/b.html")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "\"**/*.{css,js}\"  | {a,b} alternative",
                "../**            | '..' segment",
                "a/../b           | '..' segment",
                "/                | matches no file",
            })
    void refusesPatternsThatCannotMeanWhatTheUserWants(String text, String expected) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> patterns(text));
        assertTrue(e.getMessage().startsWith("Includes pattern '"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(e.getMessage(), PathPatterns.check("Includes", text).orElseThrow());
    }

    @Test
    void refusesAControlCharacter() {
        assertTrue(PathPatterns.check("Excludes", "a\tb").orElseThrow().contains("control character"));
    }

    @Test
    void acceptsBalancedBracesAsLiteralNames() {
        assertTrue(patterns("{id}/index.html").matches("{id}/index.html"));
    }
}
