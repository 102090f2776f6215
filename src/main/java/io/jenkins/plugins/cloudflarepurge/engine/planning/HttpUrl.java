package io.jenkins.plugins.cloudflarepurge.engine.planning;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An absolute http(s) URL a person wrote (a URL prefix, an extra URL), parsed and spelled as a browser sends it:
 * scheme and host lower-cased (an internationalised host in its ASCII form), the default port dropped, an
 * explicit other port kept, the path and query percent-encoded where a browser would, the path's case kept.
 * User info and fragments are refused: neither is ever part of a cache key.
 */
final class HttpUrl {

    private static final Pattern HOST = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.?");
    private static final Pattern LOOKS_LIKE_HOST =
            Pattern.compile("[\\p{L}\\p{N}_-]+(\\.[\\p{L}\\p{N}_-]+)+(:\\d+)?([/?].*)?");

    private final String scheme;
    private final String host;
    private final String authority;
    private final String path;

    @CheckForNull
    private final String query;

    private HttpUrl(String scheme, String host, String authority, String path, @CheckForNull String query) {
        this.scheme = scheme;
        this.host = host;
        this.authority = authority;
        this.path = path;
        this.query = query;
    }

    /** Whether the text is meant as an absolute URL rather than a path (it has a scheme). */
    static boolean hasScheme(String text) {
        int colon = text.indexOf("://");
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param field the setting's name, for the message
     * @throws InvalidSettingException naming the field and value and saying how to fix it
     */
    static HttpUrl parse(String field, String raw) {
        String text = raw.trim();
        String quoted = field + " '" + RepositoryPath.printable(raw) + "'";
        if (text.isEmpty()) {
            throw new InvalidSettingException(
                    field, raw, field + " is empty: write a URL such as https://www.example.org");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new InvalidSettingException(field, raw, quoted + " contains a control character: remove it");
            }
        }
        if (text.indexOf('\\') >= 0) {
            throw new InvalidSettingException(field, raw, quoted + " contains a backslash: URLs use '/'");
        }
        if (!hasScheme(text)) {
            String hint = LOOKS_LIKE_HOST.matcher(text).matches()
                    ? ": write https://" + text
                    : ": write it as https://host/path";
            throw new InvalidSettingException(field, raw, quoted + " has no scheme" + hint);
        }
        int schemeEnd = text.indexOf("://");
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidSettingException(
                    field,
                    raw,
                    quoted + " has the scheme '" + scheme + "': Cloudflare caches only https:// and http:// URLs");
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = indexOfAny(text, "/?#", authorityStart);
        String authority = text.substring(authorityStart, authorityEnd);
        if (authority.indexOf('@') >= 0) {
            throw new InvalidSettingException(
                    field,
                    raw,
                    quoted + " contains user info ('" + authority.substring(0, authority.lastIndexOf('@') + 1)
                            + "'): remove it; cache keys have none, and credentials do not belong in a job's configuration");
        }
        int fragment = text.indexOf('#', authorityEnd);
        if (fragment >= 0) {
            throw new InvalidSettingException(
                    field,
                    raw,
                    quoted + " has a fragment ('" + text.substring(fragment)
                            + "'): remove it; browsers never send fragments, so they are not part of a cache key");
        }
        int queryStart = text.indexOf('?', authorityEnd);
        String rawPath = text.substring(authorityEnd, queryStart < 0 ? text.length() : queryStart);
        String rawQuery = queryStart < 0 ? null : text.substring(queryStart + 1);

        String hostAndPort = authority;
        String port = "";
        int colon =
                authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']')) : authority.lastIndexOf(':');
        if (colon >= 0) {
            hostAndPort = authority.substring(0, colon);
            port = authority.substring(colon + 1);
        }
        String host = normalizeHost(field, raw, quoted, hostAndPort);
        if (!port.isEmpty()) {
            int number = parsePort(port);
            if (number < 1 || number > 65535) {
                throw new InvalidSettingException(
                        field, raw, quoted + " has the port '" + port + "': a port is a number from 1 to 65535");
            }
            boolean isDefault = (scheme.equals("https") && number == 443) || (scheme.equals("http") && number == 80);
            port = isDefault ? "" : ":" + number; // a browser drops the default port, so the cache key has none
        }
        String path = UrlPathEncoder.encodeUrlPath(rawPath);
        String query = rawQuery == null ? null : UrlPathEncoder.encodeQuery(rawQuery);
        return new HttpUrl(scheme, host, host + port, path, query);
    }

    private static String normalizeHost(String field, String raw, String quoted, String host) {
        if (host.isEmpty()) {
            throw new InvalidSettingException(field, raw, quoted + " has no host: write it as https://www.example.org");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.toLowerCase(Locale.ROOT); // an IPv6 literal; Cloudflare fronts names, but keep it as written
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(
                    field, raw, quoted + " has the invalid host name '" + host + "': " + e.getMessage());
        }
        if (!HOST.matcher(ascii).matches()) {
            throw new InvalidSettingException(
                    field,
                    raw,
                    quoted + " has the invalid host name '" + host
                            + "': use letters, digits, '-' and '.' as in www.example.org");
        }
        return ascii;
    }

    private static int parsePort(String port) {
        if (port.isEmpty() || port.length() > 5) {
            return -1;
        }
        for (int i = 0; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(port);
    }

    private static int indexOfAny(String s, String chars, int from) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** {@code https} or {@code http}. */
    String scheme() {
        return scheme;
    }

    /** The lower-case host name, without port: what a Cloudflare hosts purge takes. */
    String host() {
        return host;
    }

    /** The scheme and authority, {@code https://www.example.org} or {@code http://localhost:8080}. */
    String origin() {
        return scheme + "://" + authority;
    }

    /** The percent-encoded path, empty or starting with {@code /}. */
    String path() {
        return path;
    }

    /** The percent-encoded query without {@code ?}, or null when there is none. */
    @CheckForNull
    String query() {
        return query;
    }

    /** The whole URL; an empty path is spelled {@code /}, as a browser requests it. */
    @Override
    public String toString() {
        return origin() + (path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query);
    }
}
