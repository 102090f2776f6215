package io.jenkins.plugins.cloudflarepurge.engine.bench;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.execution.CloudflarePlan;
import io.jenkins.plugins.cloudflarepurge.engine.execution.ConsoleProgress;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeListener;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeResult;
import io.jenkins.plugins.cloudflarepurge.engine.job.ApiSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark matrix ({@link PurgeBenchmark} runs it after the default comparison): the engine at its defaults
 * (no plan configured, the plan read from the fake) against each plan model and each per-request limit, a second
 * client spending the same token's general quota, and one large purge against the general limit, the sequential
 * script and DeployHQ's documented pace. Every row states its bound: the least time any client needs for its URLs
 * under the fake's limits. It ends with four lines a script can read.
 */
final class PurgeMatrix {

    /** DeployHQ documents its Cloudflare purges at 1,000 URLs per minute. */
    static final double DEPLOYHQ_URLS_PER_SECOND = 1000 / 60.0;

    private static final int LARGE_URLS = 100_000;
    private static final int OTHER_CLIENT_REQUESTS = 1_000;

    private PurgeMatrix() {}

    /** A plan as the fake models it. */
    record Model(CloudflarePlan plan, String zonePlanName, int urls) {}

    static final List<Model> MODELS = List.of(
            new Model(CloudflarePlan.FREE, "Free Website", 10_000),
            new Model(CloudflarePlan.PRO, "Pro Website", 20_000),
            new Model(CloudflarePlan.ENTERPRISE, "Enterprise Website", 30_000));

    /**
     * @param bound the least time any client needs, in seconds of the row's clock
     * @param wall the time taken, in seconds of the row's clock
     */
    record MatrixRow(
            String name,
            long urls,
            double bound,
            double wall,
            long requests,
            long status429,
            long blocks,
            long lost,
            long duplicated,
            boolean engine) {
        double ratio() {
            return bound / wall;
        }

        String format() {
            return String.format(
                    Locale.ROOT,
                    "%-54s %7d %8.1f %8.1f %8.0f %6s %8d %5d %6d %5d %10d",
                    name,
                    urls,
                    bound,
                    wall,
                    (urls - lost) / wall,
                    engine ? String.format(Locale.ROOT, "%.2f", ratio()) : "-",
                    requests,
                    status429,
                    blocks,
                    lost,
                    duplicated);
        }
    }

    /**
     * What no client can beat when the only limit that binds is the URL bucket: it starts full (one second of the
     * rate), so {@code n} URLs take {@code (n - rate) / rate} seconds, plus one round trip for the last answer.
     */
    static double bucketBound(long urls, int rate, Duration roundTrip) {
        return Math.max(0, urls - rate) / (double) rate + roundTrip.toNanos() / 1e9;
    }

    static void run(PurgeBenchmark.Settings settings) throws Exception {
        Duration roundTrip = Duration.ofMillis(settings.latencyMs());
        System.out.printf(
                Locale.ROOT,
                "Matrix: the engine at its defaults (no plan configured; the plan read from the fake), %d ms round"
                        + " trip, the general limit (%d requests per 5 min, a 5 min block) modelled in every row%n",
                settings.latencyMs(),
                FakeCloudflare.GENERAL_LIMIT);
        System.out.printf(
                Locale.ROOT,
                "Pacing: %.3f of the rate, %d ms of arrival spread%n",
                settings.matrixPacing().rateShare(),
                settings.matrixPacing().arrivalSpread().toMillis());
        List<MatrixRow> rows = new ArrayList<>();
        for (int round = 1; round <= settings.planRounds(); round++) {
            for (Model model : MODELS) {
                for (int limit : new int[] {30, model.plan().documentedUrlsPerRequest()}) {
                    rows.add(planRow(settings, model, limit, roundTrip));
                }
            }
        }
        List<MatrixRow> large = List.of();
        if (settings.longRows()) {
            rows.add(sharedTokenRow(settings, roundTrip));
            large = largeRows(settings, roundTrip);
            rows.addAll(large);
        }

        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "%-54s %7s %8s %8s %8s %6s %8s %5s %6s %5s %10s%n",
                "",
                "URLs",
                "bound s",
                "wall s",
                "URLs/s",
                "ratio",
                "requests",
                "429s",
                "blocks",
                "lost",
                "duplicated");
        rows.forEach(r -> System.out.println(r.format()));
        double deployHq = LARGE_URLS / DEPLOYHQ_URLS_PER_SECOND;
        if (!large.isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-54s %7d %8s %8.1f %8.0f   (computed: 1,000 URLs per minute)%n",
                    "DeployHQ's documented pace",
                    LARGE_URLS,
                    "-",
                    deployHq,
                    DEPLOYHQ_URLS_PER_SECOND);
            System.out.printf(
                    Locale.ROOT,
                    "large purge speedup over DeployHQ's pace: %.1f%n",
                    deployHq / large.get(0).wall());
        }
        double lowest = rows.stream()
                .filter(MatrixRow::engine)
                .mapToDouble(MatrixRow::ratio)
                .min()
                .orElseThrow();
        long lostOrDuplicated = rows.stream()
                .filter(MatrixRow::engine)
                .mapToLong(r -> r.lost() + r.duplicated())
                .sum();
        long blocks = rows.stream()
                .filter(MatrixRow::engine)
                .mapToLong(MatrixRow::blocks)
                .sum();
        System.out.printf(Locale.ROOT, "lowest ratio to bound: %.2f%n", lowest);
        System.out.printf(Locale.ROOT, "lost or duplicated: %d%n", lostOrDuplicated);
        System.out.printf(Locale.ROOT, "general-limit blocks: %d%n", blocks);
        if (!large.isEmpty()) {
            System.out.printf(
                    Locale.ROOT,
                    "large purge speedup over sequential: %.1f%n",
                    large.get(1).wall() / large.get(0).wall());
        }
    }

    /** One plan model with one per-request limit, on the real clock: the bucket's bound. */
    private static MatrixRow planRow(PurgeBenchmark.Settings settings, Model model, int limit, Duration roundTrip)
            throws IOException {
        String name = String.format(
                Locale.ROOT,
                "%s %d URLs/s, fake takes %d per request",
                model.plan().displayName(),
                model.plan().urlsPerSecond(),
                limit);
        ScaledClock clock = new ScaledClock(1);
        try (FakeCloudflare fake =
                new FakeCloudflare(model.plan().urlsPerSecond(), limit, roundTrip, model.zonePlanName(), clock)) {
            double bound = bucketBound(model.urls(), model.plan().urlsPerSecond(), roundTrip);
            return engineRow(
                    settings,
                    name,
                    fake,
                    clock,
                    model.urls(),
                    bound,
                    model.plan().urlsPerSecond());
        }
    }

    /**
     * Free, 30 per request, 10,000 URLs (334 requests), after another client of the same token spent 1,000 of the
     * window's 1,200 requests. The bound: what is left of the window (1,200 less the other client's requests and the
     * engine's plan lookup) in requests of 30, then the rest after the window resets, with the bucket full again.
     */
    private static MatrixRow sharedTokenRow(PurgeBenchmark.Settings settings, Duration roundTrip) throws Exception {
        int rate = CloudflarePlan.FREE.urlsPerSecond();
        int limit = 30;
        int urls = 10_000;
        ScaledClock clock = new ScaledClock(settings.timeScale());
        try (FakeCloudflare fake = new FakeCloudflare(rate, limit, roundTrip, "Free Website", clock)) {
            spendGeneralQuota(fake, OTHER_CLIENT_REQUESTS);
            long engineStart = clock.nanoTime();
            double untilReset = (fake.generalWindowEnd() - engineStart) / 1e9;
            long leftInWindow = FakeCloudflare.GENERAL_LIMIT - OTHER_CLIENT_REQUESTS - 1;
            long afterReset = urls - leftInWindow * limit;
            double bound = afterReset <= 0
                    ? bucketBound(urls, rate, roundTrip)
                    : untilReset + bucketBound(afterReset, rate, roundTrip);
            String name = String.format(
                    Locale.ROOT, "Free, 30 per request, %,d requests spent by another", OTHER_CLIENT_REQUESTS);
            return engineRow(settings, name, fake, clock, urls, bound, rate);
        }
    }

    /** Another client of the same token: cheap requests (zone lookups), 8 at a time, as fast as they go. */
    private static void spendGeneralQuota(FakeCloudflare fake, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().build();
        HttpRequest lookup = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/zones/" + FakeCloudflare.ZONE_ID))
                .header("Authorization", "Bearer " + FakeCloudflare.TOKEN)
                .GET()
                .build();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                sent.add(threads.submit(() -> http.send(lookup, HttpResponse.BodyHandlers.discarding())));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * 100,000 URLs on Free with the fake's documented 100 per request: the engine (1,001 requests with its plan
     * lookup, within the window's 1,200, so the bucket is the bound), then the sequential script (30 per request:
     * 3,334 requests, which meets the five-minute block twice). On a clock {@code bench.timeScale} times faster.
     */
    private static List<MatrixRow> largeRows(PurgeBenchmark.Settings settings, Duration roundTrip) throws Exception {
        int rate = CloudflarePlan.FREE.urlsPerSecond();
        int limit = CloudflarePlan.FREE.documentedUrlsPerRequest();
        double bound = bucketBound(LARGE_URLS, rate, roundTrip);
        List<String> urls = PurgeBenchmark.urls(LARGE_URLS);
        List<MatrixRow> rows = new ArrayList<>();
        ScaledClock engineClock = new ScaledClock(settings.timeScale());
        try (FakeCloudflare fake = new FakeCloudflare(rate, limit, roundTrip, "Free Website", engineClock)) {
            rows.add(engineRow(
                    settings,
                    "Free, 100,000 URLs (time x" + fmt(settings.timeScale()) + ")",
                    fake,
                    engineClock,
                    LARGE_URLS,
                    bound,
                    rate));
        }
        ScaledClock scriptClock = new ScaledClock(settings.timeScale());
        try (FakeCloudflare fake = new FakeCloudflare(rate, limit, roundTrip, "Free Website", scriptClock)) {
            PurgeBenchmark.NaiveScript script = new PurgeBenchmark.NaiveScript(fake.baseUrl(), scriptClock);
            long start = scriptClock.nanoTime();
            script.purge(urls);
            double wall = (scriptClock.nanoTime() - start) / 1e9;
            FakeCloudflare.Ledger ledger = fake.ledger(new LinkedHashSet<>(urls));
            System.out.printf(
                    Locale.ROOT,
                    "Sequential script, 100,000 URLs: %d requests, %d retries, %d URLs given up; fake saw: %s%n",
                    script.requests,
                    script.retries,
                    script.gaveUp,
                    ledger);
            rows.add(new MatrixRow(
                    "  sequential script, 30 per request",
                    LARGE_URLS,
                    bound,
                    wall,
                    ledger.requests(),
                    ledger.status429() + ledger.blockedRequests(),
                    ledger.blocks(),
                    ledger.lost(),
                    ledger.duplicated(),
                    false));
        }
        return rows;
    }

    private static MatrixRow engineRow(
            PurgeBenchmark.Settings settings,
            String name,
            FakeCloudflare fake,
            ScaledClock clock,
            int count,
            double bound,
            int rate) {
        List<String> urls = PurgeBenchmark.urls(count);
        List<PurgeItem> items = new ArrayList<>(urls.size());
        urls.forEach(u -> items.add(PurgeItem.of(u)));
        PurgeListener listener = settings.verbose()
                ? new ConsoleProgress(line -> System.out.println("    " + line))
                : PurgeListener.NONE;
        CloudflareClient client = PurgeBenchmark.client(fake);
        long start = clock.nanoTime();
        PurgeBenchmark.Detected engine = PurgeBenchmark.detected(
                client, ApiSettings.defaults(), settings.matrixPacing(), clock, PurgeBenchmark.Memory.fresh(clock));
        long chosen = clock.nanoTime();
        PurgeResult result = engine.executor().execute(FakeCloudflare.ZONE_ID, PurgeScope.urls(items), listener);
        double wall = (clock.nanoTime() - start) / 1e9;
        FakeCloudflare.Ledger ledger = fake.ledger(new LinkedHashSet<>(urls));
        System.out.printf(Locale.ROOT, "%s: bound %.1f s (%d URLs/s)%n", name, bound, rate);
        System.out.printf(
                Locale.ROOT, "  %s (chosen in %.0f ms)%n", engine.choice().consoleLine(), (chosen - start) / 1e6);
        System.out.println("  " + ConsoleProgress.summary(result));
        System.out.printf(Locale.ROOT, "  fake saw: %s%n", ledger);
        if (!fake.bucketRefusals().isEmpty()) {
            System.out.println("  refused by the URL bucket: " + String.join("; ", fake.bucketRefusals()));
        }
        return new MatrixRow(
                name,
                count,
                bound,
                wall,
                ledger.requests(),
                ledger.status429() + ledger.blockedRequests(),
                ledger.blocks(),
                ledger.lost(),
                ledger.duplicated(),
                true);
    }

    private static String fmt(double scale) {
        return scale == Math.rint(scale) ? Long.toString((long) scale) : Double.toString(scale);
    }
}
