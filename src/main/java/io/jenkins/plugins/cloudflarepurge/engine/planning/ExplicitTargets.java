package io.jenkins.plugins.cloudflarepurge.engine.planning;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tags, hosts, prefixes or URLs a person names directly, checked against what Cloudflare accepts and spelled the
 * way it matches: hosts lower-case without scheme, prefixes as {@code host/path} without scheme or query, URLs as a
 * browser sends them.
 */
final class ExplicitTargets {

    private ExplicitTargets() {}

    /** @throws InvalidSettingException for the first value Cloudflare would refuse, naming it */
    static List<String> normalize(PurgeScope.Kind kind, List<String> values) {
        String field = kind.name().charAt(0) + kind.name().substring(1).toLowerCase(Locale.ROOT);
        List<String> normalized = new ArrayList<>(values.size());
        for (String value : values) {
            if (value.isBlank()) {
                continue;
            }
            normalized.add(
                    switch (kind) {
                        case TAGS -> tag(value);
                        case HOSTS -> host(value);
                        case PREFIXES -> prefix(value);
                        case URLS -> HttpUrl.parse("URL", value).toString();
                        case EVERYTHING -> throw new IllegalArgumentException("everything takes no values");
                    });
        }
        if (normalized.isEmpty()) {
            throw new InvalidSettingException(field, "", field + ": nothing to purge; give at least one value");
        }
        return normalized;
    }

    private static String tag(String raw) {
        String tag = raw.trim();
        if (tag.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidSettingException(
                    "Tag", raw, "Tag '" + RepositoryPath.printable(raw) + "' contains a control character: remove it");
        }
        if (tag.indexOf(',') >= 0) {
            throw new InvalidSettingException(
                    "Tag",
                    raw,
                    "Tag '" + tag
                            + "' contains a comma, which separates tags in the Cache-Tag header: give each tag as its own value");
        }
        return tag;
    }

    private static String host(String raw) {
        String text = raw.trim();
        if (HttpUrl.hasScheme(text)) {
            throw new InvalidSettingException(
                    "Host",
                    raw,
                    "Host '" + text + "' has a scheme: write the host name alone, such as www.example.org");
        }
        HttpUrl url = HttpUrl.parse("Host", "https://" + text);
        if (!url.path().isEmpty() || url.query() != null || !url.origin().equals("https://" + url.host())) {
            throw new InvalidSettingException(
                    "Host", raw, "Host '" + text + "' is more than a host name: write it alone, such as " + url.host());
        }
        return url.host();
    }

    private static String prefix(String raw) {
        String text = raw.trim();
        if (HttpUrl.hasScheme(text)) {
            throw new InvalidSettingException(
                    "Prefix",
                    raw,
                    "Prefix '" + text + "' has a scheme: Cloudflare takes prefixes without one, such as "
                            + text.substring(text.indexOf("://") + 3));
        }
        HttpUrl url = HttpUrl.parse("Prefix", "https://" + text);
        if (url.query() != null) {
            throw new InvalidSettingException(
                    "Prefix", raw, "Prefix '" + text + "' has a query string: Cloudflare takes prefixes without one");
        }
        if (UrlPrefix.prefixPurgeForm(url.host(), url.path()).isEmpty()) {
            throw new InvalidSettingException(
                    "Prefix",
                    raw,
                    "Prefix '" + text + "' has no path or more than " + UrlPrefix.MAX_PREFIX_SEPARATORS
                            + " path separators: give host and path, such as www.example.org/assets, or purge the host");
        }
        return url.host() + url.path();
    }
}
