package io.jenkins.plugins.cloudflarepurge.engine.client;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks every value passes before it is sent to Cloudflare. Each problem is described in one sentence
 * that names the field and the value and says how to fix it; form validation shows the same sentences.
 */
public final class PurgeInputs {

    /** Cloudflare does not publish limits for these; they keep a runaway value from reaching the API. */
    public static final int MAX_URL_LENGTH = 8192;

    public static final int MAX_TAG_LENGTH = 1024;
    public static final int MAX_HOST_LENGTH = 253;
    public static final int MAX_PREFIX_LENGTH = 1024;
    /** Cloudflare's documented limit for a prefix purge. */
    public static final int MAX_PREFIX_SEPARATORS = 31;

    private static final Pattern ZONE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HOST =
            Pattern.compile("(?i)[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*\\.?(:[0-9]{1,5})?");

    private PurgeInputs() {}

    /** The problem with a zone ID, if it has one. */
    public static Optional<String> zoneIdProblem(String zoneId) {
        String value = zoneId == null ? "" : zoneId.strip();
        if (value.isEmpty()) {
            return Optional.of(
                    "The zone ID is empty: copy it from the zone's Overview page in the Cloudflare dashboard (API section, \"Zone ID\").");
        }
        if (ZONE_ID.matcher(value.toLowerCase(Locale.ROOT)).matches()) {
            return Optional.empty();
        }
        if (value.contains(".")) {
            return Optional.of(
                    "'" + value
                            + "' looks like a zone name (a domain), but a zone ID is needed: the 32-character hexadecimal ID on the zone's Overview page in the Cloudflare dashboard.");
        }
        return Optional.of(
                "'" + value
                        + "' is not a zone ID: a zone ID has exactly 32 hexadecimal characters (0-9, a-f), as shown on the zone's Overview page in the Cloudflare dashboard.");
    }

    /** The zone ID in the form Cloudflare expects (lower case), or an exception naming the problem. */
    public static String checkZoneId(String zoneId) {
        Optional<String> problem = zoneIdProblem(zoneId);
        if (problem.isPresent()) {
            throw new InvalidInputException("zone ID", problem.get());
        }
        return zoneId.strip().toLowerCase(Locale.ROOT);
    }

    /** The problem with an item of the given kind, if it has one. */
    public static Optional<String> itemProblem(PurgeScope.Kind kind, PurgeItem item) {
        String value = item.value();
        if (value.isBlank()) {
            return Optional.of("An empty " + noun(kind) + " cannot be purged.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || (kind != PurgeScope.Kind.TAGS && Character.isWhitespace(c))) {
                return Optional.of(
                        "The " + noun(kind) + " '" + printable(value) + "' contains a space or control character"
                                + (kind == PurgeScope.Kind.URLS ? ": percent-encode it (%20)." : "."));
            }
        }
        return switch (kind) {
            case URLS -> urlProblem(value);
            case TAGS ->
                value.length() > MAX_TAG_LENGTH
                        ? Optional.of(
                                "The tag '" + shorten(value) + "' is longer than " + MAX_TAG_LENGTH + " characters.")
                        : Optional.empty();
            case HOSTS -> hostProblem(value);
            case PREFIXES -> prefixProblem(value);
            case EVERYTHING -> Optional.of("A purge of everything takes no items.");
        };
    }

    /** Checks every item of a scope; the first problem found is thrown. */
    public static void checkScope(PurgeScope scope) {
        for (PurgeItem item : scope.items()) {
            Optional<String> problem = itemProblem(scope.kind(), item);
            if (problem.isPresent()) {
                throw new InvalidInputException(noun(scope.kind()), problem.get());
            }
        }
    }

    private static Optional<String> urlProblem(String value) {
        if (value.length() > MAX_URL_LENGTH) {
            return Optional.of("The URL '" + shorten(value) + "' is longer than " + MAX_URL_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("The URL '" + value + "' is not a valid URL (" + e.getReason() + " at index "
                    + e.getIndex() + "): percent-encode special characters.");
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            return Optional.of("The URL '" + value + "' has no scheme: write it in full, e.g. https://www.example.com"
                    + (value.startsWith("/") ? "" : "/") + value + ".");
        }
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            return Optional.of("The URL '" + value + "' uses the scheme '" + scheme
                    + "': Cloudflare purges only http and https URLs.");
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null) {
            return Optional.of("The URL '" + value + "' has no host name.");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("The URL '" + value + "' contains a user name or password: remove it.");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of(
                    "The URL '" + value
                            + "' has a fragment (#…), which browsers never send: remove it, or percent-encode '#' as %23 if it is part of the file name.");
        }
        return Optional.empty();
    }

    private static Optional<String> hostProblem(String value) {
        if (value.contains("://") || value.contains("/")) {
            return Optional.of(
                    "The host '" + value + "' must be a host name only, e.g. www.example.com, without scheme or path.");
        }
        if (value.length() > MAX_HOST_LENGTH || !HOST.matcher(value).matches()) {
            return Optional.of("The host '" + shorten(value) + "' is not a valid host name, e.g. www.example.com.");
        }
        return Optional.empty();
    }

    private static Optional<String> prefixProblem(String value) {
        if (value.contains("://")) {
            return Optional.of("The prefix '" + value + "' has a scheme: Cloudflare takes prefixes without it, e.g. "
                    + value.substring(value.indexOf("://") + 3) + ".");
        }
        if (value.contains("?") || value.contains("#")) {
            return Optional.of(
                    "The prefix '" + value
                            + "' has a query string or fragment: Cloudflare takes a host and path only, e.g. www.example.com/assets.");
        }
        if (value.length() > MAX_PREFIX_LENGTH) {
            return Optional.of(
                    "The prefix '" + shorten(value) + "' is longer than " + MAX_PREFIX_LENGTH + " characters.");
        }
        long separators = value.chars().filter(c -> c == '/').count();
        if (separators > MAX_PREFIX_SEPARATORS) {
            return Optional.of("The prefix '" + shorten(value) + "' has " + separators
                    + " path separators; Cloudflare allows at most " + MAX_PREFIX_SEPARATORS + ".");
        }
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        if (host.isEmpty() || !HOST.matcher(host).matches()) {
            return Optional.of("The prefix '" + value + "' must start with a host name, e.g. www.example.com/assets.");
        }
        return Optional.empty();
    }

    static String noun(PurgeScope.Kind kind) {
        return switch (kind) {
            case URLS -> "URL";
            case TAGS -> "tag";
            case HOSTS -> "host";
            case PREFIXES -> "prefix";
            case EVERYTHING -> "purge";
        };
    }

    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : shorten(value).toCharArray()) {
            out.append(Character.isISOControl(c) ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
