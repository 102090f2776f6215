package io.jenkins.plugins.cloudflarepurge.engine.planning;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of names and paths that lean on the characters the encoding rules are about. */
final class Texts {

    private Texts() {}

    /** Any Unicode scalar value (no lone surrogate), weighted towards ASCII punctuation, '%' and non-ASCII. */
    static Arbitrary<String> codePoint() {
        Arbitrary<Integer> ascii = Arbitraries.integers().between(0x20, 0x7E);
        Arbitrary<Integer> special = Arbitraries.of(
                (int) ' ', (int) '%', (int) '#', (int) '?', (int) '+', (int) '^', (int) '`', (int) '{', (int) '}',
                (int) '"', (int) '<', (int) '>', (int) '|', (int) '[', (int) ']', (int) '&', (int) '=', 0x7F, 0xE9,
                0x4E2D, 0x1F600);
        Arbitrary<Integer> bmp = Arbitraries.integers().between(0x80, 0xFFFF).filter(c -> c < 0xD800 || c > 0xDFFF);
        Arbitrary<Integer> astral = Arbitraries.integers().between(0x10000, 0x10FFFF);
        Arbitrary<Integer> control = Arbitraries.integers().between(0, 0x1F);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, ascii),
                        net.jqwik.api.Tuple.of(4, special),
                        net.jqwik.api.Tuple.of(2, bmp),
                        net.jqwik.api.Tuple.of(1, astral),
                        net.jqwik.api.Tuple.of(1, control))
                .map(Character::toString);
    }

    /** Any valid Unicode text, including controls and separators. */
    static Arbitrary<String> text() {
        return codePoint().list().ofMaxSize(24).map(parts -> String.join("", parts));
    }

    /** A file or folder name as a file system allows it: no '/', '\\' or control character, not '.' or '..'. */
    static Arbitrary<String> segment() {
        return codePoint()
                .filter(c -> !c.equals("/") && !c.equals("\\") && !Character.isISOControl(c.codePointAt(0)))
                .list()
                .ofMinSize(1)
                .ofMaxSize(12)
                .map(parts -> String.join("", parts))
                .filter(s -> !s.equals(".") && !s.equals("..") && !s.matches("[A-Za-z]:")); // "C:" is a drive letter
    }

    /** A normalised repository path: one to five segments joined by '/'. */
    static Arbitrary<String> normalizedPath() {
        return segment().list().ofMinSize(1).ofMaxSize(5).map(segments -> String.join("/", segments));
    }

    /** A path as an SCM or script might spell it: '\\' or '/', with a leading "./" or "/", doubled or trailing separators. */
    static Arbitrary<String> messyPath() {
        Arbitrary<String> separator = Arbitraries.of("/", "\\", "//", "/./", "\\.\\");
        Arbitrary<String> lead = Arbitraries.of("", "", "./", "/", ".\\", "\\", "././");
        Arbitrary<String> trail = Arbitraries.of("", "", "/", "\\");
        return Combinators.combine(
                        lead,
                        segment().list().ofMinSize(1).ofMaxSize(5),
                        separator.list().ofSize(4),
                        trail)
                .as((l, segments, seps, t) -> {
                    StringBuilder out = new StringBuilder(l);
                    for (int i = 0; i < segments.size(); i++) {
                        if (i > 0) {
                            out.append(seps.get(i - 1));
                        }
                        out.append(segments.get(i));
                    }
                    return out.append(t).toString();
                });
    }

    static List<String> prefixes() {
        return List.of(
                "https://www.example.org",
                "https://www.example.org/",
                "https://cdn.example.org/site",
                "https://cdn.example.org/site/",
                "http://localhost:8080/a/b");
    }
}
