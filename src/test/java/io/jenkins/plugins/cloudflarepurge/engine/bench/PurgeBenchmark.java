package io.jenkins.plugins.cloudflarepurge.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.client.ApiToken;
import io.jenkins.plugins.cloudflarepurge.engine.client.CloudflareClient;
import io.jenkins.plugins.cloudflarepurge.engine.execution.CloudflarePlan;
import io.jenkins.plugins.cloudflarepurge.engine.execution.ConsoleProgress;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeClock;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeExecutor;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeLimits;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeListener;
import io.jenkins.plugins.cloudflarepurge.engine.execution.PurgeResult;
import io.jenkins.plugins.cloudflarepurge.engine.execution.RateBudget;
import io.jenkins.plugins.cloudflarepurge.engine.execution.RequestSizes;
import io.jenkins.plugins.cloudflarepurge.engine.execution.RetryDelays;
import io.jenkins.plugins.cloudflarepurge.engine.job.ApiSettings;
import io.jenkins.plugins.cloudflarepurge.engine.job.PlanDetection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Purge throughput against a stand-in for Cloudflare ({@link FakeCloudflare}), and planning at scale. Not a
 * test: it asserts nothing and runs only on request:
 *
 * <pre>mvn -B -ntp -f .ci/engine-pom.xml -Pbench test-compile exec:java</pre>
 *
 * In one process it first runs the default comparison: the same URLs purged twice, each time against a fresh fake
 * with a full bucket, through the engine at its defaults and through a naive baseline (one request of 30 URLs at a
 * time, in sequence, no pacing, as hand-written pipeline scripts do); then it plans changed paths to URLs. Then the
 * matrix: every plan model and per-request limit with the engine at its defaults (no plan configured, the plan read
 * from the fake), a second client spending the token's general quota, and 100,000 URLs against the general limit,
 * the sequential script and DeployHQ's documented pace. See docs/benchmarks.md for what is measured, the bound of
 * each row and the system properties that change the sizes.
 */
public final class PurgeBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NAIVE_URLS_PER_REQUEST = 30;
    private static final int NAIVE_MAX_ATTEMPTS = 5;

    private PurgeBenchmark() {}

    /** The knobs, from system properties (-Dbench.urls=… on the Maven command line). */
    record Settings(
            int urls,
            int latencyMs,
            int rate,
            int maxUrlsPerRequest,
            int engineRate,
            int paths,
            int rounds,
            boolean verbose,
            double timeScale,
            boolean matrix,
            boolean defaultComparison,
            boolean longRows,
            int planRounds,
            RateBudget.Pacing matrixPacing) {
        static Settings fromSystemProperties() {
            int rate = Integer.getInteger("bench.rate", CloudflarePlan.FREE.urlsPerSecond());
            return new Settings(
                    Integer.getInteger("bench.urls", 10_000),
                    Integer.getInteger("bench.latencyMs", 100),
                    rate,
                    Integer.getInteger("bench.maxUrlsPerRequest", PurgeLimits.DEFAULT_URLS_PER_REQUEST),
                    Integer.getInteger("bench.engineRate", rate),
                    Integer.getInteger("bench.paths", 100_000),
                    Integer.getInteger("bench.rounds", 7),
                    Boolean.getBoolean("bench.verbose"),
                    Double.parseDouble(System.getProperty("bench.timeScale", "10")),
                    !Boolean.getBoolean("bench.skipMatrix"),
                    !Boolean.getBoolean("bench.skipDefault"),
                    !Boolean.getBoolean("bench.planRowsOnly"),
                    Integer.getInteger("bench.planRounds", 1),
                    pacingNamed(System.getProperty("bench.matrixPacing", "default")));
        }
    }

    /** {@code default}, or {@code previous} for the pacing of the engine before the arrival spread. */
    private static RateBudget.Pacing pacingNamed(String name) {
        return switch (name) {
            case "default" -> RateBudget.Pacing.DEFAULT;
            case "previous" -> RateBudget.Pacing.RATE_SHARE_ONLY;
            default -> throw new IllegalArgumentException("bench.matrixPacing is 'default' or 'previous', not " + name);
        };
    }

    /**
     * One row of the report.
     *
     * @param urls the URLs to purge (or, for planning, the URLs planned)
     * @param lost of those, the URLs that never arrived (for planning: 0, or -1 when the planner and its baseline differ)
     * @param requests requests sent, retries included; -1 where there are none (planning)
     */
    record Row(
            String name,
            long urls,
            long wallNanos,
            long requests,
            long status429,
            long retries,
            long lost,
            long duplicated) {
        double seconds() {
            return wallNanos / 1e9;
        }

        double perSecond() {
            return (urls - Math.max(lost, 0)) / seconds();
        }

        String format() {
            return String.format(
                    Locale.ROOT,
                    "%-34s %8d %9.3f %10.1f %9s %6s %8s %6s %11s",
                    name,
                    urls,
                    seconds(),
                    perSecond(),
                    count(requests),
                    count(status429),
                    count(retries),
                    lost < 0 ? "differ" : Long.toString(lost),
                    duplicated < 0 ? "differ" : Long.toString(duplicated));
        }

        private String count(long n) {
            return requests < 0 ? "-" : Long.toString(n);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        System.out.printf(
                Locale.ROOT,
                "Purge benchmark, %s, %d cores, Java %s%n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf(
                Locale.ROOT,
                "Fake Cloudflare: %d URLs/s (bucket of %d, greedy refill), at most %d URLs per request, %d ms round"
                        + " trip%n",
                settings.rate(),
                settings.rate(),
                settings.maxUrlsPerRequest(),
                settings.latencyMs());
        List<String> urls = urls(settings.urls());

        warmUp();

        if (settings.defaultComparison()) {
            defaultComparison(settings, urls);
        }
        if (settings.matrix()) {
            System.out.println();
            PurgeMatrix.run(settings);
        }
    }

    /** The engine at its defaults, a later purge, the previous defaults and the naive script; then planning. */
    private static void defaultComparison(Settings settings, List<String> urls) throws Exception {
        ApiSettings defaults = settings.engineRate() == CloudflarePlan.FREE.urlsPerSecond()
                ? ApiSettings.defaults()
                : ApiSettings.builder().urlsPerSecond(settings.engineRate()).build();
        // A first purge after a restart pays the plan lookup and the probe of 100 URLs; a later one finds both kept.
        Memory memory = Memory.fresh();
        Row engine = engine("engine (defaults)", defaults, RateBudget.Pacing.DEFAULT, memory, settings, urls);
        Row later =
                engine("engine (defaults, a later purge)", defaults, RateBudget.Pacing.DEFAULT, memory, settings, urls);
        // The engine as it was before plan detection, request-size learning and the arrival spread: Free configured,
        // 30 URLs per request, paced at 39/40 of the rate with the whole bucket.
        ApiSettings before = ApiSettings.builder()
                .plan("FREE")
                .urlsPerRequest(PurgeLimits.DEFAULT_URLS_PER_REQUEST)
                .urlsPerSecond(settings.engineRate())
                .build();
        Row previous = engine(
                "engine (previous defaults)",
                before,
                RateBudget.Pacing.RATE_SHARE_ONLY,
                Memory.fresh(),
                settings,
                urls);
        Row naive = naive(settings, urls);
        Row planning = planning(settings);

        System.out.println();
        printBounds(settings);
        System.out.printf(
                Locale.ROOT,
                "%-34s %8s %9s %10s %9s %6s %8s %6s %11s%n",
                "",
                "URLs",
                "wall s",
                "URLs/s",
                "requests",
                "429s",
                "retries",
                "lost",
                "duplicated");
        for (Row row : List.of(engine, later, previous, naive, planning)) {
            System.out.println(row.format());
        }
        System.out.printf(Locale.ROOT, "throughput ratio to ceiling: %.2f%n", engine.perSecond() / settings.rate());
        System.out.printf(
                Locale.ROOT, "speedup over sequential baseline: %.2f%n", engine.perSecond() / naive.perSecond());
        System.out.printf(
                Locale.ROOT,
                "(defaults over previous defaults, same run: first purge %.2f, later purge %.2f)%n",
                engine.perSecond() / previous.perSecond(),
                later.perSecond() / previous.perSecond());
    }

    /**
     * What no client can beat here: the fake's bucket starts full (one second of the rate), so {@code n} URLs take
     * at least {@code (n - rate) / rate} seconds plus one round trip; the ratio can exceed 1 for that first second.
     * And what the engine's defaults allow: so many requests in flight, of so many URLs, per round trip.
     */
    private static void printBounds(Settings settings) {
        double roundTrip = settings.latencyMs() / 1000.0;
        double minSeconds = Math.max(0, settings.urls() - settings.rate()) / (double) settings.rate() + roundTrip;
        PurgeLimits limits = PurgeLimits.forPlan(CloudflarePlan.FREE).toBuilder()
                .urlsPerRequest(PurgeLimits.DEFAULT_URLS_PER_REQUEST)
                .build();
        double inFlight = limits.maxInFlight()
                * (double) Math.min(limits.urlsPerRequest(), settings.maxUrlsPerRequest())
                / roundTrip;
        System.out.printf(
                Locale.ROOT,
                "Bounds: the fake's bucket allows at most %.1f URLs/s for %d URLs (ratio %.2f); %d requests of %d in"
                        + " flight allow %.0f URLs/s%n",
                settings.urls() / minSeconds,
                settings.urls(),
                settings.urls() / minSeconds / settings.rate(),
                limits.maxInFlight(),
                Math.min(limits.urlsPerRequest(), settings.maxUrlsPerRequest()),
                inFlight);
    }

    /** Distinct URLs spread over directories, as a site's assets and pages are. */
    static List<String> urls(int count) {
        List<String> urls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            urls.add(String.format(
                    Locale.ROOT, "https://www.example.com/assets/section-%03d/page-%06d.html", i % 97, i));
        }
        return urls;
    }

    /** Loads and compiles the code paths of both clients against a throw-away fake, so that neither run pays for it. */
    private static void warmUp() throws Exception {
        List<String> urls = urls(600);
        try (FakeCloudflare fake = new FakeCloudflare(1_000_000, 30, Duration.ZERO)) {
            PurgeLimits limits = PurgeLimits.forPlan(CloudflarePlan.FREE).toBuilder()
                    .urlsPerSecond(1_000_000)
                    .build();
            executor(fake, limits).execute(FakeCloudflare.ZONE_ID, scope(urls), PurgeListener.NONE);
            // The plan lookup's code too (the zone's JSON, the detection), so that a first purge's lookup is timed
            // warm like everything else.
            for (int i = 0; i < 20; i++) {
                new PlanDetection(PurgeClock.system())
                        .choose(client(fake), FakeCloudflare.ZONE_ID, ApiSettings.defaults());
            }
            NaiveScript script = new NaiveScript(fake.baseUrl(), new ScaledClock(1));
            script.purge(urls);
        }
    }

    private static PurgeScope scope(List<String> urls) {
        List<PurgeItem> items = new ArrayList<>(urls.size());
        for (String url : urls) {
            items.add(PurgeItem.of(url));
        }
        return PurgeScope.urls(items);
    }

    private static PurgeExecutor executor(FakeCloudflare fake, PurgeLimits limits) {
        CloudflareClient client = new CloudflareClient(
                CloudflareClient.newHttpClient(Duration.ofSeconds(10)),
                fake.baseUrl(),
                ApiToken.of(FakeCloudflare.TOKEN),
                CloudflareClient.DEFAULT_REQUEST_TIMEOUT);
        // A budget of its own, not RateBudget.shared: the warm-up must not spend the measured run's tokens.
        return new PurgeExecutor(
                client,
                limits,
                new RateBudget(limits, PurgeClock.system()),
                PurgeClock.system(),
                RetryDelays.of(limits));
    }

    /**
     * The engine as the glue makes it from {@code api}: at its defaults (no plan configured) the plan is read from
     * the fake (Free) and the request size learnt from its answers. {@code bench.engineRate} overrides the rate, as
     * an administrator's value would.
     */
    private static Row engine(
            String name, ApiSettings api, RateBudget.Pacing pacing, Memory memory, Settings settings, List<String> urls)
            throws IOException {
        PurgeScope scope = scope(urls);
        try (FakeCloudflare fake = new FakeCloudflare(
                settings.rate(), settings.maxUrlsPerRequest(), Duration.ofMillis(settings.latencyMs()))) {
            PurgeListener listener = settings.verbose()
                    ? new ConsoleProgress(line -> System.out.println("  " + line))
                    : PurgeListener.NONE;
            CloudflareClient client = client(fake);
            long start = System.nanoTime();
            Detected engine = detected(client, api, pacing, PurgeClock.system(), memory);
            long chosen = System.nanoTime();
            PurgeResult result = engine.executor().execute(FakeCloudflare.ZONE_ID, scope, listener);
            long wall = System.nanoTime() - start;
            PurgeLimits limits = engine.choice().limits();
            System.out.printf(
                    Locale.ROOT,
                    name + ": %s%n  starting at %d URLs per request, %d in flight, paced at %.0f URLs/s (%.3f of the"
                            + " rate), %d URLs at once (%d ms of arrival spread); limits chosen in %.0f ms%n",
                    engine.choice().consoleLine(),
                    limits.urlsPerRequest(),
                    limits.maxInFlight(),
                    limits.urlsPerSecond() * pacing.rateShare(),
                    pacing.rateShare(),
                    new RateBudget(limits, PurgeClock.system(), pacing).urlCapacity(),
                    pacing.arrivalSpread().toMillis(),
                    (chosen - start) / 1e6);
            FakeCloudflare.Ledger ledger = fake.ledger(new LinkedHashSet<>(urls));
            System.out.println("  " + ConsoleProgress.summary(result));
            System.out.printf(Locale.ROOT, "  fake saw: %s%n", ledger);
            if (result.notPurged().size() != ledger.lost()) {
                System.out.printf(
                        Locale.ROOT,
                        "  NOTE: the engine reports %d URLs not purged, the fake misses %d%n",
                        result.notPurged().size(),
                        ledger.lost());
            }
            return new Row(
                    name,
                    urls.size(),
                    wall,
                    ledger.requests(),
                    ledger.status429(),
                    result.retries(),
                    ledger.lost(),
                    ledger.duplicated());
        }
    }

    /** An engine as the glue makes one: limits chosen by plan detection, with budgets and sizes of its own. */
    record Detected(PlanDetection.Choice choice, PurgeExecutor executor) {}

    /** A client of the fake; made before a row's time starts, as Jenkins has its HTTP client before a build. */
    static CloudflareClient client(FakeCloudflare fake) {
        return new CloudflareClient(
                CloudflareClient.newHttpClient(Duration.ofSeconds(10)),
                fake.baseUrl(),
                ApiToken.of(FakeCloudflare.TOKEN),
                CloudflareClient.DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * What the controller keeps between purges: the plan read from Cloudflare and the request size learnt. The
     * benchmark's own, not the shared ones, so that nothing learnt before (the warm-up) counts unless meant to.
     */
    record Memory(PlanDetection detection, RequestSizes sizes) {
        static Memory fresh() {
            return new Memory(new PlanDetection(PurgeClock.system()), new RequestSizes());
        }

        static Memory fresh(PurgeClock clock) {
            return new Memory(new PlanDetection(clock), new RequestSizes());
        }
    }

    static Detected detected(
            CloudflareClient client, ApiSettings api, RateBudget.Pacing pacing, PurgeClock clock, Memory memory) {
        PlanDetection.Choice choice = memory.detection().choose(client, FakeCloudflare.ZONE_ID, api);
        PurgeLimits limits = choice.limits();
        // A budget of its own, not RateBudget.shared: nothing spent before (the warm-up, other rows) may count.
        PurgeExecutor executor = new PurgeExecutor(
                client, limits, new RateBudget(limits, clock, pacing), clock, RetryDelays.of(limits), memory.sizes());
        return new Detected(choice, executor);
    }

    private static Row naive(Settings settings, List<String> urls) throws Exception {
        try (FakeCloudflare fake = new FakeCloudflare(
                settings.rate(), settings.maxUrlsPerRequest(), Duration.ofMillis(settings.latencyMs()))) {
            NaiveScript script = new NaiveScript(fake.baseUrl(), new ScaledClock(1));
            long start = System.nanoTime();
            script.purge(urls);
            long wall = System.nanoTime() - start;
            FakeCloudflare.Ledger ledger = fake.ledger(new LinkedHashSet<>(urls));
            System.out.printf(
                    Locale.ROOT,
                    "Naive script: %d requests, %d retries, %d URLs given up%n",
                    script.requests,
                    script.retries,
                    script.gaveUp);
            System.out.printf(Locale.ROOT, "  fake saw: %s%n", ledger);
            if (script.gaveUp != ledger.lost()) {
                System.out.printf(
                        Locale.ROOT,
                        "  NOTE: the script gave up %d URLs, the fake misses %d%n",
                        script.gaveUp,
                        ledger.lost());
            }
            return new Row(
                    "naive sequential (30 per request)",
                    urls.size(),
                    wall,
                    ledger.requests(),
                    ledger.status429(),
                    script.retries,
                    ledger.lost(),
                    ledger.duplicated());
        }
    }

    /**
     * What a hand-written pipeline script does: POST 30 URLs, wait for the answer, POST the next 30. It is given
     * the benefit of the doubt on a 429: it sleeps for {@code Retry-After} (1 s if absent) and sends the same
     * request again, up to {@value #NAIVE_MAX_ATTEMPTS} times. Any other failure loses that request's URLs.
     */
    static final class NaiveScript {
        private final HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final URI endpoint;
        private final ScaledClock clock;
        long requests;
        long retries;
        long gaveUp;

        NaiveScript(URI baseUrl, ScaledClock clock) {
            this.endpoint = URI.create(baseUrl + "/zones/" + FakeCloudflare.ZONE_ID + "/purge_cache");
            this.clock = clock;
        }

        void purge(List<String> urls) throws IOException, InterruptedException {
            for (int i = 0; i < urls.size(); i += NAIVE_URLS_PER_REQUEST) {
                List<String> batch = urls.subList(i, Math.min(urls.size(), i + NAIVE_URLS_PER_REQUEST));
                if (!send(batch)) {
                    gaveUp += batch.size();
                }
            }
        }

        private boolean send(List<String> batch) throws IOException, InterruptedException {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode files = body.putArray("files");
            batch.forEach(files::add);
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + FakeCloudflare.TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            for (int attempt = 1; ; attempt++) {
                requests++;
                HttpResponse<String> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    return false;
                }
                if (response.statusCode() == 200
                        && JSON.readTree(response.body()).path("success").asBoolean(false)) {
                    return true;
                }
                if (response.statusCode() != 429 || attempt >= NAIVE_MAX_ATTEMPTS) {
                    return false;
                }
                retries++;
                long seconds =
                        response.headers().firstValueAsLong("Retry-After").orElse(1);
                clock.sleep(Duration.ofSeconds(Math.max(1, seconds)).toNanos());
            }
        }
    }

    /**
     * Planning at scale, through the planner's own benchmark ({@link PlanningBenchmark#run(int, int)}): one cold plan,
     * then the median of warm rounds, checked against a straightforward re-implementation. The row shows the warm
     * median; the planner's lines above the table show the cold figure too.
     */
    private static Row planning(Settings settings) {
        PlanningBenchmark.Result result = PlanningBenchmark.run(settings.paths(), settings.rounds());
        System.out.println();
        result.lines().forEach(System.out::println);
        // Lost and duplicated against the baseline's list: the planner's benchmark says only "same" or not.
        long differs = result.sameUrls() ? 0 : -1;
        String name = String.format(Locale.ROOT, "planning (%,d paths)", result.paths());
        return new Row(name, result.urls(), result.plannerNanos(), -1, 0, 0, differs, differs);
    }
}
