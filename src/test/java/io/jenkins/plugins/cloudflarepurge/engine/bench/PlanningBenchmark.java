package io.jenkins.plugins.cloudflarepurge.engine.bench;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangeKind;
import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PlannerSettings;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PurgePlan;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PurgePlanner;
import io.jenkins.plugins.cloudflarepurge.engine.planning.RepositoryPath;
import io.jenkins.plugins.cloudflarepurge.engine.planning.UrlPathEncoder;
import io.jenkins.plugins.cloudflarepurge.engine.planning.UrlPrefix;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.tools.ant.types.selectors.SelectorUtils;

/**
 * Planning at scale: a synthetic changeset of a static site (100,000 paths by default) through the planner, with a
 * source root, six includes, four excludes, two prefixes and index documents. Not a test: it asserts nothing and
 * runs only on request:
 *
 * <pre>mvn -B -ntp -f .ci/engine-pom.xml -Pbench test-compile exec:java -Dexec.mainClass=io.jenkins.plugins.cloudflarepurge.engine.bench.PlanningBenchmark</pre>
 *
 * In the same run it plans the same changeset with a baseline written the obvious way: Ant's
 * {@code SelectorUtils.matchPath(pattern, path, caseSensitive)} called with strings for every pattern and path (so
 * both are split again on every call) and the URLs gathered in a sorted set. Both must produce the same URLs; the
 * ratio says what splitting each pattern once and each path once buys. Memory is reported as bytes allocated while
 * planning and bytes the plan keeps.
 */
public final class PlanningBenchmark {

    static final String SOURCE_ROOT = "public/";
    static final String INCLUDES = "**/*.html, **/*.css, **/*.js, **/*.svg, assets/**, img/**";
    static final String EXCLUDES = "drafts/**, **/*.map, **/*.tmp, **/.*";
    static final List<String> PREFIXES = List.of("https://www.example.org", "https://cdn.example.org/site");

    private static final ChangeKind[] KINDS = ChangeKind.values();

    private PlanningBenchmark() {}

    /**
     * The figures of one benchmark run.
     *
     * @param paths changed paths planned
     * @param urls URLs the plan purges
     * @param coldNanos wall time of the first plan in this JVM, before the JIT compiled the planner
     * @param plannerNanos median wall time of the planner
     * @param baselineNanos median wall time of the baseline
     * @param allocatedBytes bytes the planner allocated for one plan (all garbage but the plan)
     * @param retainedBytes bytes the plan keeps, explanations included (approximate: heap after GC)
     * @param sameUrls whether the baseline produced exactly the planner's URLs
     */
    public record Result(
            int paths,
            int urls,
            long coldNanos,
            long plannerNanos,
            long baselineNanos,
            long allocatedBytes,
            long retainedBytes,
            boolean sameUrls) {

        public double pathsPerSecond() {
            return paths / (plannerNanos / 1e9);
        }

        /** How many times faster than the baseline. */
        public double ratio() {
            return (double) baselineNanos / plannerNanos;
        }

        public List<String> lines() {
            return List.of(
                    String.format(
                            Locale.ROOT,
                            "planning: %,d changed paths -> %,d URLs (%d prefixes, %d includes, %d excludes)",
                            paths,
                            urls,
                            PREFIXES.size(),
                            INCLUDES.split(",").length,
                            EXCLUDES.split(",").length),
                    String.format(
                            Locale.ROOT,
                            "  planner : %8.1f ms  %,12.0f paths/s  (median of warm rounds)",
                            plannerNanos / 1e6,
                            pathsPerSecond()),
                    String.format(
                            Locale.ROOT,
                            "  cold    : %8.1f ms  %,12.0f paths/s  (first plan in this JVM, as in one build)",
                            coldNanos / 1e6,
                            paths / (coldNanos / 1e9)),
                    String.format(
                            Locale.ROOT,
                            "  baseline: %8.1f ms  %,12.0f paths/s  (SelectorUtils.matchPath with strings, TreeSet,"
                                    + " same PurgeScope)",
                            baselineNanos / 1e6,
                            paths / (baselineNanos / 1e9)),
                    String.format(
                            Locale.ROOT, "  ratio   : %.1fx faster; same URLs: %s", ratio(), sameUrls ? "yes" : "NO"),
                    String.format(
                            Locale.ROOT,
                            "  memory  : %,.1f MB allocated per plan, %,.1f MB kept by the plan (%,.0f bytes per URL,"
                                    + " %,.0f per path)",
                            allocatedBytes / 1e6,
                            retainedBytes / 1e6,
                            (double) retainedBytes / Math.max(urls, 1),
                            (double) retainedBytes / paths));
        }
    }

    /**
     * Plans once cold, then runs {@code rounds} warm-up and {@code rounds} timed rounds of the planner and the baseline,
     * alternating, each from a collected heap, and reports medians.
     */
    public static Result run(int paths, int rounds) {
        List<ChangedFile> changes = changeset(paths, 20260301L);
        PlannerSettings settings = PlannerSettings.builder()
                .prefixes(PREFIXES)
                .sourceRoot(SOURCE_ROOT)
                .includes(INCLUDES)
                .excludes(EXCLUDES)
                .maxUrls(Integer.MAX_VALUE)
                .build();
        PurgePlanner planner = new PurgePlanner();
        usedAfterGc();
        long coldStart = System.nanoTime();
        PurgePlan plan = planner.plan(changes, true, settings); // what one Jenkins build sees: code not compiled yet
        long cold = System.nanoTime() - coldStart;
        for (int i = 0; i < rounds; i++) { // warm-up: let the JIT compile both
            planner.plan(changes, true, settings);
            Baseline.plan(changes);
        }
        long[] plannerTimes = new long[rounds];
        long[] baselineTimes = new long[rounds];
        PurgeScope baselineScope = null;
        for (int i = 0; i < rounds; i++) {
            plan = null;
            usedAfterGc(); // each round starts from the same clean heap
            long start = System.nanoTime();
            plan = planner.plan(changes, true, settings);
            plannerTimes[i] = System.nanoTime() - start;
            baselineScope = null;
            usedAfterGc();
            start = System.nanoTime();
            baselineScope = Baseline.plan(changes);
            baselineTimes[i] = System.nanoTime() - start;
        }
        List<String> plannedUrls = plan.scope().orElseThrow().items().stream()
                .map(PurgeItem::value)
                .toList();
        long allocated = allocatedBy(() -> planner.plan(changes, true, settings));
        long retained = retainedBy(() -> planner.plan(changes, true, settings));
        return new Result(
                paths,
                plannedUrls.size(),
                cold,
                median(plannerTimes),
                median(baselineTimes),
                allocated,
                retained,
                plan.scope().equals(Optional.ofNullable(baselineScope)));
    }

    public static Result run(int paths) {
        return run(paths, 7);
    }

    /** Arguments {@code [paths [rounds]]}, else {@code -Dbench.paths} and {@code -Dbench.rounds}; prints the figures. */
    public static void main(String[] args) {
        int paths = args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("bench.paths", 100_000);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : Integer.getInteger("bench.rounds", 7);
        Result result = run(paths, rounds);
        result.lines().forEach(System.out::println);
    }

    /**
     * A deterministic changeset shaped like a static site's: mostly below the source root, some repository files
     * outside it, folders up to five deep, names with spaces and non-ASCII, index documents, a few renames'
     * duplicates and Windows separators.
     */
    static List<ChangedFile> changeset(int size, long seed) {
        Random random = new Random(seed);
        String[] top = {"", "blog/", "docs/", "assets/", "img/", "drafts/", "fr/café/", "api/v1/"};
        String[] words = {
            "index", "about", "post", "guide", "style", "app", "logo", "menü du jour", "数据", "read me", "a+b", "100%"
        };
        String[] extensions = {".html", ".html", ".html", ".css", ".js", ".js.map", ".svg", ".png", ".tmp", ".json"};
        List<ChangedFile> changes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            StringBuilder path = new StringBuilder();
            int kind = random.nextInt(100);
            path.append(kind < 85 ? SOURCE_ROOT : kind < 95 ? "src/" : "");
            path.append(top[random.nextInt(top.length)]);
            for (int depth = random.nextInt(4); depth > 0; depth--) {
                path.append("d").append(random.nextInt(50)).append('/');
            }
            if (random.nextInt(20) == 0) {
                path.append('.');
            }
            path.append(words[random.nextInt(words.length)]);
            path.append('-').append(random.nextInt(size)).append(extensions[random.nextInt(extensions.length)]);
            String p = random.nextInt(50) == 0 ? path.toString().replace('/', '\\') : path.toString();
            changes.add(new ChangedFile(p, KINDS[random.nextInt(KINDS.length)]));
        }
        return changes;
    }

    /** The obvious way: every pattern and path split again on every match, a sorted set per prefix. */
    static final class Baseline {
        private static final List<String> INCLUDE_LIST = split(INCLUDES);
        private static final List<String> EXCLUDE_LIST = split(EXCLUDES);
        private static final List<UrlPrefix> PARSED =
                PREFIXES.stream().map(UrlPrefix::parse).toList();

        private static List<String> split(String patterns) {
            return Arrays.stream(patterns.split(","))
                    .map(String::trim)
                    .map(p -> p.endsWith("/") ? p + "**" : p)
                    .toList();
        }

        static PurgeScope plan(List<ChangedFile> changes) {
            Set<String> sitePaths = new TreeSet<>();
            for (ChangedFile change : changes) {
                String path;
                try {
                    path = RepositoryPath.normalize(change.path());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (!path.startsWith(SOURCE_ROOT)) {
                    continue;
                }
                String published = path.substring(SOURCE_ROOT.length());
                if (EXCLUDE_LIST.stream().anyMatch(p -> SelectorUtils.matchPath(p, published, true))
                        || INCLUDE_LIST.stream().noneMatch(p -> SelectorUtils.matchPath(p, published, true))) {
                    continue;
                }
                sitePaths.add("/" + UrlPathEncoder.encodeFilePath(published));
                if (published.equals("index.html") || published.endsWith("/index.html")) {
                    sitePaths.add("/"
                            + UrlPathEncoder.encodeFilePath(
                                    published.substring(0, published.length() - "index.html".length())));
                }
            }
            List<PurgeItem> urls = new ArrayList<>();
            for (UrlPrefix prefix : PARSED) {
                for (String sitePath : sitePaths) {
                    urls.add(PurgeItem.of(prefix + sitePath));
                }
            }
            return PurgeScope.urls(urls); // the same deliverable as the planner's, minus the explanations
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long allocatedBy(Runnable work) {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported()) {
            return -1;
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    private static long retainedBy(java.util.function.Supplier<Object> work) {
        long before = usedAfterGc();
        Object kept = work.get();
        long after = usedAfterGc();
        java.lang.ref.Reference.reachabilityFence(kept);
        return after - before;
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
