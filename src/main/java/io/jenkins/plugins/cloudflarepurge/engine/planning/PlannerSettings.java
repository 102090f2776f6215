package io.jenkins.plugins.cloudflarepurge.engine.planning;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How changed files become URLs, validated once: the builder refuses a bad value with an
 * {@link InvalidSettingException} that names the field and says how to fix it. The static {@code check…} methods
 * give the same messages to the Jenkins forms, so the rules live here only.
 */
public final class PlannerSettings {

    public static final String DEFAULT_INDEX_DOCUMENTS = "index.html";

    /**
     * Above this many URLs the too-many fallback applies. 500 URLs are 17 requests at the conservative 30 URLs per
     * request, a few seconds, and far below the API's 1,200 requests per 5 minutes even when several jobs deploy at
     * once. A change touching more files than that is nearly always a rebuild of the whole site (a new theme, a
     * generator upgrade), where most cached pages are stale anyway and purging everything is one request.
     */
    public static final int DEFAULT_MAX_URLS = 500;

    static final String FIELD_SOURCE_ROOT = "Source root";
    static final String FIELD_INCLUDES = "Includes";
    static final String FIELD_EXCLUDES = "Excludes";
    /** For a form field that may hold includes or excludes: messages then read "Ant pattern '…' …". */
    static final String FIELD_PATTERNS = "Ant";

    static final String FIELD_INDEX_DOCUMENTS = "Index documents";
    static final String FIELD_EXTRA_PATH = "Extra path";
    static final String FIELD_VARIANT = "Cache-key variant";
    static final String FIELD_MAX_URLS = "URL limit";

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final List<UrlPrefix> prefixes;
    private final String sourceRoot;
    private final PathPatterns includes;
    private final PathPatterns excludes;
    private final List<String> indexDocuments;
    private final boolean purgeDirectoryWithoutSlash;
    private final List<String> extraSitePaths;
    private final List<HttpUrl> extraUrls;
    private final List<Map<String, String>> variants;
    private final int maxUrls;
    private final FallbackPolicy tooManyUrlsFallback;
    private final FallbackPolicy noChangesetFallback;
    private final boolean prefixesOverlap;

    private PlannerSettings(Builder b) {
        Set<UrlPrefix> parsed = new LinkedHashSet<>();
        for (String prefix : b.prefixes) {
            parsed.add(UrlPrefix.parse(prefix));
        }
        if (parsed.isEmpty()) {
            throw new InvalidSettingException(
                    UrlPrefix.FIELD, "", "No URL prefix is set: give at least one, such as https://www.example.org");
        }
        this.prefixes = List.copyOf(parsed);
        this.prefixesOverlap = prefixes.stream()
                .anyMatch(x ->
                        prefixes.stream().anyMatch(y -> x != y && y.toString().startsWith(x.toString())));
        this.sourceRoot = normalizeSourceRoot(b.sourceRoot);
        this.includes = PathPatterns.parse(FIELD_INCLUDES, b.includes);
        this.excludes = PathPatterns.parse(FIELD_EXCLUDES, b.excludes);
        checkNotUnderSourceRoot(FIELD_INCLUDES, includes, sourceRoot);
        checkNotUnderSourceRoot(FIELD_EXCLUDES, excludes, sourceRoot);
        this.indexDocuments = parseIndexDocuments(b.indexDocuments);
        this.purgeDirectoryWithoutSlash = b.purgeDirectoryWithoutSlash;
        List<String> sitePaths = new ArrayList<>();
        List<HttpUrl> urls = new ArrayList<>();
        for (String extra : b.extraPaths) {
            if (extra.isBlank()) {
                continue;
            }
            if (HttpUrl.hasScheme(extra.trim())) {
                urls.add(HttpUrl.parse(FIELD_EXTRA_PATH, extra));
            } else {
                sitePaths.add(SitePath.parse(FIELD_EXTRA_PATH, extra));
            }
        }
        this.extraSitePaths = List.copyOf(new LinkedHashSet<>(sitePaths));
        this.extraUrls = List.copyOf(urls);
        Set<Map<String, String>> headerSets = new LinkedHashSet<>();
        for (Map<String, String> variant : b.variants) {
            headerSets.add(parseVariant(variant));
        }
        this.variants = List.copyOf(headerSets);
        checkMaxUrls(b.maxUrls).ifPresent(message -> {
            throw new InvalidSettingException(FIELD_MAX_URLS, String.valueOf(b.maxUrls), message);
        });
        this.maxUrls = b.maxUrls;
        this.tooManyUrlsFallback = b.tooManyUrlsFallback;
        this.noChangesetFallback = b.noChangesetFallback;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- checks for form validation: an error message, or empty when the value is fine ----

    public static Optional<String> checkPrefix(@CheckForNull String prefix) {
        return UrlPrefix.check(prefix == null ? "" : prefix);
    }

    public static Optional<String> checkPatterns(@CheckForNull String patterns) {
        return PathPatterns.check(FIELD_PATTERNS, patterns == null ? "" : patterns);
    }

    /** Also refuses patterns that repeat the source root: patterns match the paths below it. */
    public static Optional<String> checkPatterns(@CheckForNull String patterns, @CheckForNull String sourceRoot) {
        return problem(() -> {
            String root = normalizeSourceRoot(sourceRoot);
            checkNotUnderSourceRoot(
                    FIELD_PATTERNS, PathPatterns.parse(FIELD_PATTERNS, patterns == null ? "" : patterns), root);
        });
    }

    public static Optional<String> checkSourceRoot(@CheckForNull String sourceRoot) {
        return problem(() -> normalizeSourceRoot(sourceRoot));
    }

    public static Optional<String> checkIndexDocuments(@CheckForNull String indexDocuments) {
        return problem(() -> parseIndexDocuments(indexDocuments));
    }

    /** One extra path ({@code /sitemap.xml}) or absolute URL. */
    public static Optional<String> checkExtraPath(@CheckForNull String extraPath) {
        String text = extraPath == null ? "" : extraPath;
        return problem(() -> {
            if (HttpUrl.hasScheme(text.trim())) {
                HttpUrl.parse(FIELD_EXTRA_PATH, text);
            } else {
                SitePath.parse(FIELD_EXTRA_PATH, text);
            }
        });
    }

    public static Optional<String> checkVariant(Map<String, String> headers) {
        return problem(() -> parseVariant(headers));
    }

    public static Optional<String> checkMaxUrls(int maxUrls) {
        return maxUrls >= 1
                ? Optional.empty()
                : Optional.of(FIELD_MAX_URLS + " " + maxUrls + " is too small: give at least 1 (the default is "
                        + DEFAULT_MAX_URLS + ")");
    }

    /** Splits a text area's value into its non-blank lines, trimmed; for extra paths and prefixes. */
    public static List<String> lines(@CheckForNull String text) {
        List<String> lines = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    lines.add(line.trim());
                }
            }
        }
        return lines;
    }

    private static Optional<String> problem(Runnable validation) {
        try {
            validation.run();
            return Optional.empty();
        } catch (InvalidSettingException e) {
            return Optional.of(e.getMessage());
        }
    }

    // ---- parsing ----

    private static String normalizeSourceRoot(@CheckForNull String raw) {
        String text = raw == null ? "" : raw.trim();
        String bare = text.replace('\\', '/');
        if (bare.isEmpty() || bare.equals(".") || bare.equals("/") || bare.equals("./")) {
            return ""; // the repository root is published as it is
        }
        if (bare.indexOf('*') >= 0 || bare.indexOf('?') >= 0) {
            throw new InvalidSettingException(
                    FIELD_SOURCE_ROOT,
                    raw,
                    FIELD_SOURCE_ROOT + " '" + text
                            + "' is a pattern: give the folder the site is built from, such as public/, and use Includes to pick files");
        }
        try {
            return RepositoryPath.normalize(bare) + "/";
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(
                    FIELD_SOURCE_ROOT,
                    raw,
                    FIELD_SOURCE_ROOT + " '" + RepositoryPath.printable(text)
                            + "' is not a folder inside the repository: " + e.getMessage());
        }
    }

    private static void checkNotUnderSourceRoot(String field, PathPatterns patterns, String sourceRoot) {
        if (sourceRoot.isEmpty()) {
            return;
        }
        for (String pattern : patterns.patterns()) {
            if (pattern.startsWith(sourceRoot)) {
                throw new InvalidSettingException(
                        field,
                        pattern,
                        field + " pattern '" + pattern + "' starts with the source root '" + sourceRoot
                                + "': patterns match the paths below it, so write '"
                                + pattern.substring(sourceRoot.length()) + "'");
            }
        }
    }

    private static List<String> parseIndexDocuments(@CheckForNull String raw) {
        if (raw == null) {
            return List.of(DEFAULT_INDEX_DOCUMENTS);
        }
        Set<String> names = new LinkedHashSet<>();
        for (String piece : raw.split("[,\\n\\r]")) {
            String name = piece.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (name.indexOf('/') >= 0
                    || name.indexOf('\\') >= 0
                    || name.indexOf('*') >= 0
                    || name.indexOf('?') >= 0
                    || name.equals(".")
                    || name.equals("..")
                    || name.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidSettingException(
                        FIELD_INDEX_DOCUMENTS,
                        raw,
                        FIELD_INDEX_DOCUMENTS + " entry '" + RepositoryPath.printable(name)
                                + "' is not a file name: give names such as index.html, index.htm, separated by commas");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    private static Map<String, String> parseVariant(Map<String, String> headers) {
        if (headers.isEmpty()) {
            throw new InvalidSettingException(
                    FIELD_VARIANT,
                    "{}",
                    FIELD_VARIANT
                            + " is empty: the plain URL is always purged, so give each variant at least one header, such as CF-Device-Type: mobile");
        }
        Map<String, String> checked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey() == null ? "" : header.getKey().trim();
            String value = header.getValue() == null ? "" : header.getValue().trim();
            if (!HEADER_NAME.matcher(name).matches()) {
                throw new InvalidSettingException(
                        FIELD_VARIANT,
                        name,
                        FIELD_VARIANT + " header name '" + RepositoryPath.printable(name)
                                + "' is not a valid HTTP header name: use letters, digits and '-', as in CF-Device-Type");
            }
            if (value.isEmpty() || value.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidSettingException(
                        FIELD_VARIANT,
                        value,
                        FIELD_VARIANT + " header " + name + " has the value '" + RepositoryPath.printable(value)
                                + "': give a non-empty value on one line, as in CF-Device-Type: mobile");
            }
            if (checked.put(name, value) != null) {
                throw new InvalidSettingException(
                        FIELD_VARIANT,
                        name,
                        FIELD_VARIANT + " names the header " + name.toLowerCase(Locale.ROOT)
                                + " twice: a request carries each cache-key header once");
            }
        }
        return Collections.unmodifiableMap(new TreeMap<>(checked));
    }

    // ---- accessors ----

    /** The prefixes, normalised and de-duplicated, in the order given. */
    public List<UrlPrefix> prefixes() {
        return prefixes;
    }

    /** The folder the site is published from, normalised with a trailing {@code /}, or empty for the root. */
    public String sourceRoot() {
        return sourceRoot;
    }

    public PathPatterns includes() {
        return includes;
    }

    public PathPatterns excludes() {
        return excludes;
    }

    public List<String> indexDocuments() {
        return indexDocuments;
    }

    public boolean purgeDirectoryWithoutSlash() {
        return purgeDirectoryWithoutSlash;
    }

    /** The extra paths as normalised, site paths ({@code /sitemap.xml}) first, then absolute URLs. */
    public List<String> extraPaths() {
        List<String> all = new ArrayList<>(extraSitePaths);
        extraUrls.forEach(url -> all.add(url.toString()));
        return all;
    }

    List<String> extraSitePaths() {
        return extraSitePaths;
    }

    List<HttpUrl> extraUrls() {
        return extraUrls;
    }

    /** The header sets each URL is also purged with; the plain URL is always purged too. */
    public List<Map<String, String>> variants() {
        return variants;
    }

    public int maxUrls() {
        return maxUrls;
    }

    public FallbackPolicy tooManyUrlsFallback() {
        return tooManyUrlsFallback;
    }

    public FallbackPolicy noChangesetFallback() {
        return noChangesetFallback;
    }

    /** Whether one prefix starts with another, so that two prefixes could spell the same URL. */
    boolean prefixesOverlap() {
        return prefixesOverlap;
    }

    /**
     * The path below the source root, or null when the file is not published.
     *
     * @param path a normalised repository path
     */
    @CheckForNull
    String publishedPath(String path) {
        if (sourceRoot.isEmpty()) {
            return path;
        }
        return path.startsWith(sourceRoot) && path.length() > sourceRoot.length()
                ? path.substring(sourceRoot.length())
                : null;
    }

    /** Settings under construction; every setter accepts null for "not set". */
    public static final class Builder {
        private final List<String> prefixes = new ArrayList<>();
        private String sourceRoot = "";
        private String includes = "";
        private String excludes = "";

        @CheckForNull
        private String indexDocuments = null;

        private boolean purgeDirectoryWithoutSlash;
        private final List<String> extraPaths = new ArrayList<>();
        private final List<Map<String, String>> variants = new ArrayList<>();
        private int maxUrls = DEFAULT_MAX_URLS;
        private FallbackPolicy tooManyUrlsFallback = FallbackPolicy.EVERYTHING;
        private FallbackPolicy noChangesetFallback = FallbackPolicy.EVERYTHING;

        private Builder() {}

        /** Public URL prefixes such as {@code https://www.example.org}; each published file is purged under each. */
        public Builder prefixes(@CheckForNull List<String> prefixes) {
            this.prefixes.clear();
            if (prefixes != null) {
                this.prefixes.addAll(prefixes);
            }
            return this;
        }

        public Builder prefixes(String... prefixes) {
            return prefixes(List.of(prefixes));
        }

        /** The folder the site is built from ({@code public/}); files outside it are not published. */
        public Builder sourceRoot(@CheckForNull String sourceRoot) {
            this.sourceRoot = sourceRoot == null ? "" : sourceRoot;
            return this;
        }

        /** Ant patterns, separated by commas or new lines, matched below the source root; blank for every file. */
        public Builder includes(@CheckForNull String includes) {
            this.includes = includes == null ? "" : includes;
            return this;
        }

        /** Ant patterns; a file matching one is skipped even when an include matches it. */
        public Builder excludes(@CheckForNull String excludes) {
            this.excludes = excludes == null ? "" : excludes;
            return this;
        }

        /** File names served for a directory URL, comma-separated; null for {@code index.html}, blank for none. */
        public Builder indexDocuments(@CheckForNull String indexDocuments) {
            this.indexDocuments = indexDocuments;
            return this;
        }

        /** Whether a changed index document also purges its directory without the trailing slash ({@code /docs}). */
        public Builder purgeDirectoryWithoutSlash(boolean purgeDirectoryWithoutSlash) {
            this.purgeDirectoryWithoutSlash = purgeDirectoryWithoutSlash;
            return this;
        }

        /** Paths ({@code /sitemap.xml}) or absolute URLs purged on every run. */
        public Builder extraPaths(@CheckForNull List<String> extraPaths) {
            this.extraPaths.clear();
            if (extraPaths != null) {
                this.extraPaths.addAll(extraPaths);
            }
            return this;
        }

        /** Cache-key header sets ({@code CF-Device-Type: mobile}); each URL is purged plain and once per set. */
        public Builder variants(@CheckForNull List<Map<String, String>> variants) {
            this.variants.clear();
            if (variants != null) {
                this.variants.addAll(variants);
            }
            return this;
        }

        public Builder maxUrls(int maxUrls) {
            this.maxUrls = maxUrls;
            return this;
        }

        public Builder tooManyUrlsFallback(@CheckForNull FallbackPolicy fallback) {
            this.tooManyUrlsFallback = fallback == null ? FallbackPolicy.EVERYTHING : fallback;
            return this;
        }

        public Builder noChangesetFallback(@CheckForNull FallbackPolicy fallback) {
            this.noChangesetFallback = fallback == null ? FallbackPolicy.EVERYTHING : fallback;
            return this;
        }

        /** @throws InvalidSettingException for the first bad value, naming its field */
        public PlannerSettings build() {
            return new PlannerSettings(this);
        }
    }
}
