package io.jenkins.plugins.cloudflarepurge.engine.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class UrlPathEncodingPropertiesTest {

    @Provide
    Arbitrary<String> texts() {
        return Texts.text();
    }

    @Property(tries = 2000)
    void decodingAnEncodedPathGivesThePathBack(@ForAll("texts") String path) {
        assertEquals(path, UrlPathEncoder.decode(UrlPathEncoder.encodeFilePath(path)));
    }

    @Property(tries = 2000)
    void encodingIsIdempotentOnItsOwnOutput(@ForAll("texts") String path) {
        String encoded = UrlPathEncoder.encodeFilePath(path);
        // Read back as a URL a person wrote, the output is already in its final spelling.
        assertEquals(encoded, UrlPathEncoder.encodeUrlPath(encoded));
        // Decoded and encoded again, it comes out the same.
        assertEquals(encoded, UrlPathEncoder.encodeFilePath(UrlPathEncoder.decode(encoded)));
    }

    @Property(tries = 2000)
    void outputIsPrintableAsciiWithOnlyWellFormedUpperCaseEscapes(@ForAll("texts") String path) {
        String encoded = UrlPathEncoder.encodeFilePath(path);
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            assertTrue(c > 0x20 && c < 0x7F, () -> "raw character U+" + Integer.toHexString(c) + " in " + encoded);
            assertFalse(" \"#<>?^`{}".indexOf(c) >= 0, () -> "unencoded '" + c + "' in " + encoded);
            if (c == '%') {
                assertTrue(
                        i + 2 < encoded.length()
                                && isUpperHex(encoded.charAt(i + 1))
                                && isUpperHex(encoded.charAt(i + 2)),
                        encoded);
            }
        }
    }

    @Property(tries = 2000)
    void charactersOutsideTheSetAreNeverTouched(@ForAll("texts") String path) {
        String encoded = UrlPathEncoder.encodeFilePath(path);
        String kept = path.codePoints()
                .filter(c -> c > 0x20 && c < 0x7F && " \"#<>?^`{}%".indexOf(c) < 0)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        // Removing the escapes from the output leaves exactly the characters that need none, in order.
        assertEquals(kept, encoded.replaceAll("%[0-9A-F]{2}", ""));
    }

    @Property(tries = 1000)
    void aUrlPathWithItsEscapesDecodesLikeTheLiteralPath(@ForAll("texts") String path) {
        // A person who writes the encoded form of a path means that path.
        String encoded = UrlPathEncoder.encodeFilePath(path);
        assertEquals(path, UrlPathEncoder.decode(UrlPathEncoder.encodeUrlPath(encoded)));
    }

    private static boolean isUpperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }
}
