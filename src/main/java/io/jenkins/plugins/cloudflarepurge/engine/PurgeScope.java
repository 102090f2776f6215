package io.jenkins.plugins.cloudflarepurge.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one purge covers: everything in the zone, or a list of URLs, tags, hosts or prefixes. Cloudflare takes
 * one kind per request, so a scope is of one kind. Items are de-duplicated, first occurrence kept.
 */
public final class PurgeScope {

    /** The kinds of purge Cloudflare offers, with the JSON field each is sent in. */
    public enum Kind {
        EVERYTHING("purge_everything"),
        URLS("files"),
        TAGS("tags"),
        HOSTS("hosts"),
        PREFIXES("prefixes");

        private final String jsonField;

        Kind(String jsonField) {
            this.jsonField = jsonField;
        }

        public String jsonField() {
            return jsonField;
        }

        /** URL purges are metered in URLs per second; the others in requests per period. */
        public boolean meteredByItem() {
            return this == URLS;
        }
    }

    private final Kind kind;
    private final List<PurgeItem> items;

    private PurgeScope(Kind kind, List<PurgeItem> items) {
        this.kind = kind;
        this.items = List.copyOf(new LinkedHashSet<>(items));
    }

    public static PurgeScope everything() {
        return new PurgeScope(Kind.EVERYTHING, List.of());
    }

    public static PurgeScope urls(List<PurgeItem> urls) {
        return new PurgeScope(Kind.URLS, urls);
    }

    public static PurgeScope of(Kind kind, List<String> values) {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.EVERYTHING) {
            return everything();
        }
        List<PurgeItem> items = new ArrayList<>(values.size());
        for (String value : values) {
            items.add(PurgeItem.of(value));
        }
        return new PurgeScope(kind, items);
    }

    public Kind kind() {
        return kind;
    }

    /** The items, empty for {@link Kind#EVERYTHING}. */
    public List<PurgeItem> items() {
        return items;
    }

    /** How many things this purge covers: 1 for everything. */
    public int size() {
        return kind == Kind.EVERYTHING ? 1 : items.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PurgeScope other && kind == other.kind && items.equals(other.items);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, items);
    }

    @Override
    public String toString() {
        return kind == Kind.EVERYTHING
                ? "everything"
                : kind.name().toLowerCase(Locale.ROOT) + " (" + items.size() + ")";
    }
}
