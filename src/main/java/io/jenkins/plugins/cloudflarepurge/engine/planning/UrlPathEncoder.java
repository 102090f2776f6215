package io.jenkins.plugins.cloudflarepurge.engine.planning;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Spells a path the way a browser puts it on the wire, because a URL purge must match Cloudflare's cache key
 * byte for byte. Percent-encodes exactly the WHATWG URL standard's <em>path percent-encode set</em>: C0 controls,
 * space, {@code " # < > ? ^ ` { }}, DEL and every code point above U+007E (as its UTF-8 bytes), with upper-case
 * hex. Everything else stays literal, notably {@code + , ; = ! $ & ' ( ) * : @ | [ ] /}.
 *
 * <p>Written here rather than borrowed because no library at hand encodes that set: {@code java.net.URI}'s
 * multi-argument constructors escape {@code | [ ] \} and leave non-ASCII raw; {@code URLEncoder} and Guava's
 * escapers escape sub-delimiters such as {@code +}, which a browser leaves literal, so {@code /a%2Bb.js} would
 * name a different cache key from the {@code /a+b.js} that was cached.
 */
public final class UrlPathEncoder {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** ASCII characters of the path percent-encode set; everything above U+007E is encoded too. */
    private static final boolean[] PATH_SET = asciiSet(" \"#<>?^`{}");

    /** The special-query percent-encode set, for the query string of a path a person wrote. */
    private static final boolean[] QUERY_SET = asciiSet(" \"#<>'");

    private UrlPathEncoder() {}

    private static boolean[] asciiSet(String members) {
        boolean[] set = new boolean[128];
        for (int c = 0; c < 0x20; c++) {
            set[c] = true;
        }
        set[0x7F] = true;
        for (char c : members.toCharArray()) {
            set[c] = true;
        }
        return set;
    }

    /**
     * A file path taken literally: a {@code %} is part of the file name, so {@code a%20b.txt} becomes
     * {@code a%2520b.txt}, which is how a browser requests that file from a link the site generator wrote.
     */
    public static String encodeFilePath(String path) {
        return encode(path, PATH_SET, false);
    }

    /**
     * A path a person wrote as part of a URL: a {@code %} that starts an escape ({@code %} and two hex digits) is
     * kept as written, as a browser keeps it; any other {@code %} cannot be sent raw and becomes {@code %25}.
     */
    public static String encodeUrlPath(String path) {
        return encode(path, PATH_SET, true);
    }

    /** A query string a person wrote (without the {@code ?}), with the same treatment of {@code %}. */
    public static String encodeQuery(String query) {
        return encode(query, QUERY_SET, true);
    }

    private static String encode(String s, boolean[] set, boolean keepEscapes) {
        int first = firstToEncode(s, set, keepEscapes);
        if (first < 0) {
            return s; // the common case: nothing to do, nothing allocated
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        out.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (set[c] || (c == '%' && !(keepEscapes && isEscape(s, i)))) {
                    appendByte(out, c);
                } else {
                    out.append(c);
                }
            } else {
                int codePoint;
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    codePoint = Character.toCodePoint(c, s.charAt(++i));
                } else if (Character.isSurrogate(c)) {
                    codePoint = 0xFFFD; // a lone surrogate is no character: browsers send U+FFFD in its place
                } else {
                    codePoint = c;
                }
                appendUtf8(out, codePoint);
            }
        }
        return out.toString();
    }

    private static int firstToEncode(String s, boolean[] set, boolean keepEscapes) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || set[c] || (c == '%' && !(keepEscapes && isEscape(s, i)))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isEscape(String s, int percentAt) {
        return percentAt + 2 < s.length()
                && hexValue(s.charAt(percentAt + 1)) >= 0
                && hexValue(s.charAt(percentAt + 2)) >= 0;
    }

    private static void appendUtf8(StringBuilder out, int codePoint) {
        if (codePoint < 0x800) {
            appendByte(out, 0xC0 | (codePoint >> 6));
        } else {
            if (codePoint < 0x10000) {
                appendByte(out, 0xE0 | (codePoint >> 12));
            } else {
                appendByte(out, 0xF0 | (codePoint >> 18));
                appendByte(out, 0x80 | ((codePoint >> 12) & 0x3F));
            }
            appendByte(out, 0x80 | ((codePoint >> 6) & 0x3F));
        }
        appendByte(out, 0x80 | (codePoint & 0x3F));
    }

    private static void appendByte(StringBuilder out, int b) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }

    /**
     * Percent-decoding as a server does it: each {@code %XX} is a byte, the bytes are UTF-8. A {@code %} that does
     * not start an escape is kept; malformed UTF-8 decodes to U+FFFD.
     */
    public static String decode(String s) {
        int first = s.indexOf('%');
        if (first < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, first);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = first;
        while (i < s.length()) {
            if (s.charAt(i) == '%' && isEscape(s, i)) {
                bytes.reset();
                while (i < s.length() && s.charAt(i) == '%' && isEscape(s, i)) {
                    bytes.write(hexValue(s.charAt(i + 1)) * 16 + hexValue(s.charAt(i + 2)));
                    i += 3;
                }
                out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
