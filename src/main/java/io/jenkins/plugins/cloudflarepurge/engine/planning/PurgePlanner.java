package io.jenkins.plugins.cloudflarepurge.engine.planning;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tools.ant.types.selectors.TokenizedPath;

/**
 * Turns the files a deployment changed into the set of cache keys Cloudflare must drop, or into a fallback when a
 * list of URLs is not the right answer. Stateless: one instance serves every run.
 *
 * <p>Per file: normalise the path (or refuse it), keep it only below the source root, drop it if an exclude
 * matches, keep it only if an include matches (when includes are set), then spell its URL under every prefix; an
 * index document adds its directory's URL. Extra paths are added on every run. The URLs are de-duplicated and
 * sorted (per prefix, by path) so that the same changes give the same plan whatever order the SCM reported them in.
 */
public final class PurgePlanner {

    static final String NO_CHANGESET = "No changeset: this run has no SCM changes to work from "
            + "(first build, replay, or the step runs before checkout)";

    /**
     * Plans a purge from a changeset.
     *
     * @param changes the changed files; a rename is its old path deleted and its new path added
     * @param changesetAvailable false on a first build, a replay or without SCM: the no-changeset fallback applies
     */
    public PurgePlan plan(Collection<ChangedFile> changes, boolean changesetAvailable, PlannerSettings settings) {
        if (!changesetAvailable) {
            return fallback(settings, settings.noChangesetFallback(), NO_CHANGESET, List.of(), 0, 0);
        }
        UrlCollector urls = new UrlCollector(settings);
        // One reason string per exclude pattern (keyed by it) and per other cause (keyed by a name no pattern has:
        // patterns never start with a space), not one string per skipped file.
        Map<String, String> reasons = new HashMap<>();
        List<FileExplanation> explanations = new ArrayList<>(changes.size());
        for (ChangedFile change : changes) {
            explanations.add(explain(change, settings, urls, reasons));
        }
        return finish(settings, urls, explanations, changes.size());
    }

    /**
     * Plans a purge of paths or URLs named explicitly instead of a changeset. Each entry is a path below the site
     * ({@code /css/site.css}, {@code /docs/}) written as in a URL and resolved against every prefix, or an absolute
     * URL taken as given once normalised. The source root and the include and exclude patterns do not apply (the
     * entries are already what the site serves); index documents, extra paths, variants and the URL limit do.
     *
     * @throws InvalidSettingException for an entry that is not a usable path or URL, naming it
     */
    public PurgePlan planPaths(List<String> pathsOrUrls, PlannerSettings settings) {
        UrlCollector urls = new UrlCollector(settings);
        List<FileExplanation> explanations = new ArrayList<>(pathsOrUrls.size());
        int considered = 0;
        for (String entry : pathsOrUrls) {
            if (entry.isBlank()) {
                continue;
            }
            considered++;
            if (HttpUrl.hasScheme(entry.trim())) {
                String url = HttpUrl.parse("Path to purge", entry).toString();
                explanations.add(FileExplanation.published(entry, null, urls.addAbsolute(url)));
                continue;
            }
            String sitePath = SitePath.parse("Path to purge", entry);
            List<String> produced = new ArrayList<>(urls.add(sitePath));
            int slash = sitePath.lastIndexOf('/');
            if (sitePath.indexOf('?') < 0
                    && isIndexDocument(UrlPathEncoder.decode(sitePath.substring(slash + 1)), settings)) {
                String directory = sitePath.substring(0, slash + 1);
                produced.addAll(urls.add(directory));
                if (settings.purgeDirectoryWithoutSlash()) {
                    produced.addAll(urls.add(directory.substring(0, directory.length() - 1)));
                }
            }
            explanations.add(FileExplanation.published(entry, null, List.copyOf(produced)));
        }
        return finish(settings, urls, explanations, considered);
    }

    /** A purge of the whole zone, asked for explicitly. */
    public PurgePlan planEverything() {
        return new PurgePlan(PurgePlan.Mode.EVERYTHING, PurgeScope.everything(), null, List.of(), List.of(), 0, 0);
    }

    /**
     * A purge of tags, hosts, prefixes or URLs given explicitly, validated and normalised.
     *
     * @throws InvalidSettingException for a value Cloudflare would refuse, naming it
     */
    public PurgePlan planExplicit(PurgeScope.Kind kind, List<String> values) {
        if (kind == PurgeScope.Kind.EVERYTHING) {
            return planEverything();
        }
        List<String> checked = ExplicitTargets.normalize(kind, values);
        PurgePlan.Mode mode = PurgePlan.Mode.valueOf(kind.name());
        return new PurgePlan(
                mode,
                PurgeScope.of(kind, checked),
                null,
                List.of(),
                List.of(),
                checked.size(),
                kind == PurgeScope.Kind.URLS ? checked.size() : 0);
    }

    private static FileExplanation explain(
            ChangedFile change, PlannerSettings settings, UrlCollector urls, Map<String, String> reasons) {
        String path;
        try {
            path = RepositoryPath.normalize(change.path());
        } catch (IllegalArgumentException e) {
            return FileExplanation.skipped(
                    change.path(), change.kind(), FileExplanation.Outcome.REFUSED, e.getMessage());
        }
        String published = settings.publishedPath(path);
        if (published == null) {
            return FileExplanation.skipped(
                    change.path(),
                    change.kind(),
                    FileExplanation.Outcome.OUTSIDE_SOURCE_ROOT,
                    reasons.computeIfAbsent(
                            " outside",
                            k -> "outside the source root '" + settings.sourceRoot() + "', so not published"));
        }
        if (!settings.excludes().isEmpty() || !settings.includes().isEmpty()) {
            TokenizedPath tokens = PathPatterns.tokenize(published);
            String exclude = settings.excludes().firstMatch(tokens);
            if (exclude != null) {
                return FileExplanation.skipped(
                        change.path(),
                        change.kind(),
                        FileExplanation.Outcome.EXCLUDED,
                        reasons.computeIfAbsent(exclude, k -> "excluded by '" + k + "'"));
            }
            if (!settings.includes().isEmpty() && settings.includes().firstMatch(tokens) == null) {
                return FileExplanation.skipped(
                        change.path(),
                        change.kind(),
                        FileExplanation.Outcome.NOT_INCLUDED,
                        reasons.computeIfAbsent(
                                " not included", k -> "matches none of the includes '" + settings.includes() + "'"));
            }
        }
        List<String> produced = urls.add("/" + UrlPathEncoder.encodeFilePath(published));
        int slash = published.lastIndexOf('/');
        if (isIndexDocument(published.substring(slash + 1), settings)) {
            String directory = "/" + UrlPathEncoder.encodeFilePath(published.substring(0, slash + 1));
            List<String> all = new ArrayList<>(produced);
            all.addAll(urls.add(directory));
            if (settings.purgeDirectoryWithoutSlash()) {
                all.addAll(urls.add(directory.substring(0, directory.length() - 1)));
            }
            produced = List.copyOf(all);
        }
        return FileExplanation.published(change.path(), change.kind(), produced);
    }

    private static boolean isIndexDocument(String fileName, PlannerSettings settings) {
        for (String name : settings.indexDocuments()) {
            if (name.equals(fileName)) {
                return true;
            }
        }
        return false;
    }

    private static PurgePlan finish(
            PlannerSettings settings, UrlCollector urls, List<FileExplanation> explanations, int considered) {
        List<String> extras = urls.addExtras();
        List<PurgeItem> items = withVariants(urls.ordered(), settings);
        if (items.size() > settings.maxUrls()) {
            String cause = String.format(
                    Locale.ROOT,
                    "Too many URLs: the changes map to %,d URLs, more than the limit of %,d",
                    items.size(),
                    settings.maxUrls());
            return fallback(settings, settings.tooManyUrlsFallback(), cause, explanations, considered, items.size());
        }
        if (items.isEmpty()) {
            return new PurgePlan(PurgePlan.Mode.SKIP, null, null, explanations, extras, considered, 0);
        }
        return new PurgePlan(
                PurgePlan.Mode.URLS, PurgeScope.urls(items), null, explanations, extras, considered, items.size());
    }

    /** Each URL plain, then once per cache-key variant: Cloudflare counts every one as a URL. */
    private static List<PurgeItem> withVariants(Collection<String> urls, PlannerSettings settings) {
        List<Map<String, String>> variants = settings.variants();
        List<PurgeItem> items = new ArrayList<>(urls.size() * (1 + variants.size()));
        for (String url : urls) {
            items.add(PurgeItem.of(url));
            for (Map<String, String> headers : variants) {
                items.add(new PurgeItem(url, headers));
            }
        }
        return items;
    }

    private static PurgePlan fallback(
            PlannerSettings settings,
            FallbackPolicy policy,
            String cause,
            List<FileExplanation> explanations,
            int considered,
            int planned) {
        switch (policy) {
            case EVERYTHING:
                return new PurgePlan(
                        PurgePlan.Mode.EVERYTHING,
                        PurgeScope.everything(),
                        cause + "; purging everything, as configured.",
                        explanations,
                        List.of(),
                        considered,
                        planned);
            case HOSTS:
                return hostsPlan(
                        settings, cause + "; purging the hosts %s, as configured.", explanations, considered, planned);
            case PREFIXES:
                return prefixesPlan(settings, cause, explanations, considered, planned);
            case SKIP:
            default:
                UrlCollector extrasOnly = new UrlCollector(settings);
                List<String> extras = extrasOnly.addExtras();
                if (extras.isEmpty()) {
                    return new PurgePlan(
                            PurgePlan.Mode.SKIP,
                            null,
                            cause + "; purging nothing, as configured.",
                            explanations,
                            List.of(),
                            considered,
                            planned);
                }
                List<PurgeItem> items = withVariants(extrasOnly.ordered(), settings);
                String reason = String.format(
                        Locale.ROOT,
                        "%s; purging only the %,d extra URL%s configured for every run, as configured.",
                        cause,
                        items.size(),
                        items.size() == 1 ? "" : "s");
                return new PurgePlan(
                        PurgePlan.Mode.URLS, PurgeScope.urls(items), reason, explanations, extras, considered, planned);
        }
    }

    private static PurgePlan hostsPlan(
            PlannerSettings settings,
            String reasonFormat,
            List<FileExplanation> explanations,
            int considered,
            int planned) {
        Set<String> hosts = new LinkedHashSet<>();
        settings.prefixes().forEach(prefix -> hosts.add(prefix.host()));
        settings.extraUrls().forEach(url -> hosts.add(url.host()));
        return new PurgePlan(
                PurgePlan.Mode.HOSTS,
                PurgeScope.of(PurgeScope.Kind.HOSTS, List.copyOf(hosts)),
                String.format(Locale.ROOT, reasonFormat, String.join(", ", hosts)),
                explanations,
                List.of(),
                considered,
                planned);
    }

    /**
     * Everything below each prefix, in Cloudflare's prefix form. A prefix without a base path has nothing narrower
     * than its host, and a plan is of one kind, so then the whole plan purges hosts and says why.
     */
    private static PurgePlan prefixesPlan(
            PlannerSettings settings, String cause, List<FileExplanation> explanations, int considered, int planned) {
        Set<String> prefixes = new LinkedHashSet<>();
        List<String> tooBroad = new ArrayList<>();
        for (UrlPrefix prefix : settings.prefixes()) {
            Optional<String> form = prefix.prefixPurgeForm();
            form.ifPresentOrElse(prefixes::add, () -> tooBroad.add(prefix.toString()));
        }
        for (HttpUrl url : settings.extraUrls()) {
            if (settings.prefixes().stream().anyMatch(prefix -> isBelow(url, prefix))) {
                continue; // already covered by its prefix
            }
            Optional<String> form = UrlPrefix.prefixPurgeForm(url.host(), url.path());
            form.ifPresentOrElse(prefixes::add, () -> tooBroad.add(url.toString()));
        }
        if (!tooBroad.isEmpty()) {
            String why = cause + "; purging by prefix is configured, but " + String.join(", ", tooBroad)
                    + (tooBroad.size() == 1 ? " has" : " have") + " no base path (or more than "
                    + UrlPrefix.MAX_PREFIX_SEPARATORS
                    + " path separators), so nothing narrower than the host can be purged: purging the hosts %s instead.";
            return hostsPlan(settings, why, explanations, considered, planned);
        }
        return new PurgePlan(
                PurgePlan.Mode.PREFIXES,
                PurgeScope.of(PurgeScope.Kind.PREFIXES, List.copyOf(prefixes)),
                cause + "; purging the prefixes " + String.join(", ", prefixes) + ", as configured.",
                explanations,
                List.of(),
                considered,
                planned);
    }

    private static boolean isBelow(HttpUrl url, UrlPrefix prefix) {
        String root = prefix.toString();
        String full = url.toString();
        return full.startsWith(root + "/") || full.equals(root);
    }

    /**
     * The URLs of one plan: site paths (relative to the prefixes' base paths) each spelled once per prefix, plus
     * absolute URLs. Holds only what the output holds.
     */
    private static final class UrlCollector {
        private final PlannerSettings settings;
        private final Map<String, String[]> urlsBySitePath = new HashMap<>();
        private final Set<String> absoluteUrls = new LinkedHashSet<>();

        UrlCollector(PlannerSettings settings) {
            this.settings = settings;
        }

        /** @return the URLs of this site path under every prefix (fewer when one would only repeat a root) */
        List<String> add(String sitePath) {
            return present(urlsBySitePath.computeIfAbsent(sitePath, this::spell));
        }

        private String[] spell(String sitePath) {
            List<UrlPrefix> prefixes = settings.prefixes();
            String[] urls = new String[prefixes.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = prefixes.get(i).url(sitePath).orElse(null);
            }
            return urls;
        }

        private static List<String> present(String[] urls) {
            if (urls.length == 1 && urls[0] != null) {
                return List.of(urls[0]);
            }
            List<String> list = new ArrayList<>(urls.length);
            for (String url : urls) {
                if (url != null) {
                    list.add(url);
                }
            }
            return List.copyOf(list);
        }

        List<String> addAbsolute(String url) {
            absoluteUrls.add(url);
            return List.of(url);
        }

        /** Adds the extra paths and URLs configured for every run. */
        List<String> addExtras() {
            List<String> produced = new ArrayList<>();
            for (String sitePath : settings.extraSitePaths()) {
                produced.addAll(add(sitePath));
            }
            for (HttpUrl url : settings.extraUrls()) {
                produced.addAll(addAbsolute(url.toString()));
            }
            return produced;
        }

        /** Per prefix in the order configured, site paths sorted; then the absolute URLs; no URL twice. */
        Collection<String> ordered() {
            String[] sitePaths = urlsBySitePath.keySet().toArray(new String[0]);
            Arrays.sort(sitePaths);
            String[][] urlsInOrder = new String[sitePaths.length][];
            for (int k = 0; k < sitePaths.length; k++) {
                urlsInOrder[k] = urlsBySitePath.get(sitePaths[k]);
            }
            int prefixCount = settings.prefixes().size();
            List<String> ordered = new ArrayList<>(sitePaths.length * prefixCount + absoluteUrls.size());
            for (int i = 0; i < prefixCount; i++) {
                for (String[] urls : urlsInOrder) {
                    @CheckForNull String url = urls[i];
                    if (url != null) {
                        ordered.add(url);
                    }
                }
            }
            if (settings.prefixesOverlap()) {
                // https://x.org + /site/a.css is https://x.org/site + /a.css: only then can two prefixes spell one URL.
                ordered = new ArrayList<>(new LinkedHashSet<>(ordered));
            }
            for (String url : absoluteUrls) {
                if (!isSpelledAlready(url)) {
                    ordered.add(url);
                }
            }
            return ordered;
        }

        private boolean isSpelledAlready(String url) {
            List<UrlPrefix> prefixes = settings.prefixes();
            for (int i = 0; i < prefixes.size(); i++) {
                String root = prefixes.get(i).toString();
                if (url.startsWith(root)) {
                    String[] urls = urlsBySitePath.get(url.substring(root.length()));
                    if (urls != null && url.equals(urls[i])) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
