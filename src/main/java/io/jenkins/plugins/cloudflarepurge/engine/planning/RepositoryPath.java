package io.jenkins.plugins.cloudflarepurge.engine.planning;

import java.util.ArrayList;
import java.util.List;

/**
 * Normalises the path of a changed file to one spelling, {@code dir/name} relative to the repository root, or
 * refuses it. SCMs and scripts hand over {@code .\dir\name}, {@code /dir/name} or {@code dir//name}; those mean the
 * same file. A path that could leave the repository ({@code ..}, a drive letter, a network path) or that carries a
 * control character is refused rather than guessed at, with a message naming it.
 */
public final class RepositoryPath {

    private RepositoryPath() {}

    /**
     * @return the path with {@code /} separators, no leading {@code /} or {@code ./}, no empty or {@code .} segments
     *     and no trailing {@code /}
     * @throws IllegalArgumentException naming the path and why it is refused
     */
    public static String normalize(String raw) {
        checkCharacters(raw);
        String path = raw.indexOf('\\') >= 0 ? raw.replace('\\', '/') : raw;
        if (path.startsWith("//")) {
            throw refused(raw, "it is a network path (//server/share), outside the repository");
        }
        boolean clean = true;
        int segments = 0;
        for (int start = 0; start <= path.length(); ) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int length = end - start;
            if (length == 0 || (length == 1 && path.charAt(start) == '.')) {
                clean = false; // dropped: a leading or doubled '/', a '.' segment or a trailing '/'
            } else if (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
                throw refused(raw, "it has a '..' segment, which could point outside the repository");
            } else {
                if (segments == 0
                        && length == 2
                        && path.charAt(start + 1) == ':'
                        && isAsciiLetter(path.charAt(start))) {
                    throw refused(raw, "it starts with a drive letter, so it is absolute, outside the repository");
                }
                segments++;
            }
            start = end + 1;
        }
        if (segments == 0) {
            throw refused(raw, "it names no file");
        }
        return clean ? path : join(path);
    }

    private static String join(String path) {
        List<String> kept = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                kept.add(segment);
            }
        }
        return String.join("/", kept);
    }

    private static void checkCharacters(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isISOControl(c)) {
                throw refused(raw, String.format("it contains the control character U+%04X", (int) c));
            }
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw refused(raw, "it is not valid Unicode (a lone surrogate)");
            }
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static IllegalArgumentException refused(String raw, String why) {
        return new IllegalArgumentException("Refused path '" + printable(raw) + "': " + why + ".");
    }

    /** The path with control characters shown as escapes, so that the message itself stays on one line. */
    static String printable(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !isPairedAt(raw, i)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isPairedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
