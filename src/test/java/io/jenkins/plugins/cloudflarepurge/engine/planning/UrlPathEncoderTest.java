package io.jenkins.plugins.cloudflarepurge.engine.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPathEncoderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "a b.txt        | a%20b.txt",
                "a#b.html       | a%23b.html",
                "a?b.html       | a%3Fb.html",
                "100%.html      | 100%25.html",
                "a%20b.txt      | a%2520b.txt",
                "\"q\".txt      | %22q%22.txt",
                "<x>.txt        | %3Cx%3E.txt",
                "a^b`c.txt      | a%5Eb%60c.txt",
                "{x}.txt        | %7Bx%7D.txt",
                "café.html      | caf%C3%A9.html",
                "中文/文件.html  | %E4%B8%AD%E6%96%87/%E6%96%87%E4%BB%B6.html",
                "😀.png         | %F0%9F%98%80.png",
            })
    void encodesThePathPercentEncodeSetWithUpperCaseHex(String path, String expected) {
        assertEquals(expected, UrlPathEncoder.encodeFilePath(path));
    }

    @Test
    void leavesSubDelimitersAndOtherPathCharactersLiteral() {
        String literal = "a+b,c;d=e!f$g&h'i(j)k*l:m@n|o[p]q~r_s-t.u/v";
        assertSame(
                literal,
                UrlPathEncoder.encodeFilePath(literal),
                "nothing to encode means the same string, nothing allocated");
    }

    @Test
    void encodesControlCharactersAndDelete() {
        assertEquals("a%00b%0Ac%1Fd%7F", UrlPathEncoder.encodeFilePath("a\u0000b\nc\u001Fd\u007F"));
    }

    @Test
    void sendsALoneSurrogateAsTheReplacementCharacterLikeABrowser() {
        assertEquals("a%EF%BF%BDb", UrlPathEncoder.encodeFilePath("a\uD800b"));
    }

    @Test
    void keepsEscapesInAPathAPersonWroteButNotABarePercent() {
        assertEquals("/caf%C3%A9/a%20b", UrlPathEncoder.encodeUrlPath("/caf%C3%A9/a%20b"));
        assertEquals(
                "/caf%c3%a9",
                UrlPathEncoder.encodeUrlPath("/caf%c3%a9"), "a browser keeps the case of existing escapes");
        assertEquals("/caf%C3%A9/100%25/a%20b", UrlPathEncoder.encodeUrlPath("/café/100%/a b"));
        assertEquals("/x%25", UrlPathEncoder.encodeUrlPath("/x%"));
        assertEquals("/x%25A", UrlPathEncoder.encodeUrlPath("/x%A"));
        assertEquals("/x%25GG", UrlPathEncoder.encodeUrlPath("/x%GG"));
    }

    @Test
    void encodesAQueryWithTheSpecialQuerySet() {
        assertEquals("a=1&b=c%20d&e=%27f%27?g^", UrlPathEncoder.encodeQuery("a=1&b=c d&e='f'?g^"));
    }

    @Test
    void decodesUtf8EscapesAndKeepsAStrayPercent() {
        assertEquals("café a b", UrlPathEncoder.decode("caf%C3%A9%20a%20b"));
        assertEquals("café", UrlPathEncoder.decode("caf%c3%a9"));
        assertEquals("100%", UrlPathEncoder.decode("100%"));
        assertEquals("a%zz", UrlPathEncoder.decode("a%zz"));
        assertEquals("a\uFFFDb", UrlPathEncoder.decode("a%C3b"), "malformed UTF-8 decodes to U+FFFD");
    }
}
