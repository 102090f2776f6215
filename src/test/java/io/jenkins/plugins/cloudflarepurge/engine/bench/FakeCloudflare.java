package io.jenkins.plugins.cloudflarepurge.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for Cloudflare's purge endpoint, for benchmarks only, on the loopback interface. It keeps to
 * Cloudflare's documented limits, not to its implementation:
 * <ul>
 *   <li>a request with more than {@code maxUrlsPerRequest} URLs is refused with HTTP 400 and code 1094, and the
 *       message names the limit, as Cloudflare's does;</li>
 *   <li>URLs are metered by a token bucket of {@code urlsPerSecond} tokens, one token per URL, that refills
 *       continuously (Bucket4j's greedy refill, at nanosecond precision). Its capacity is one second of the rate: a
 *       client that has been quiet may send one second's worth at once, and after that only the rate. That is this
 *       fake's reading of Cloudflare's "moving average", whose window Cloudflare does not publish;</li>
 *   <li>a request whose URLs do not all fit in the bucket is refused as a whole with HTTP 429, code 971 and a
 *       {@code Retry-After} of the whole seconds until they would fit (at least 1, as the header has no
 *       fractions); a refused request takes no tokens;</li>
 *   <li>the general API limit: 1,200 requests per 5 minutes per token, every request counted (purges, zone
 *       lookups, refused ones), in fixed windows that start with the first request after the last window ended.
 *       The request that exceeds it, and every request in the five minutes after it, gets HTTP 429 with a
 *       {@code Retry-After} until the block ends: that is a block. Every answer carries
 *       {@code Ratelimit: "default";r=<left>;t=<seconds to reset>} and {@code Ratelimit-Policy: "default";q=1200;w=300};</li>
 *   <li>{@code GET /zones/{zone_id}} answers the zone with its plan ({@code plan.name}, {@code plan.legacy_id});</li>
 *   <li>every answer takes the configured round trip: half of it before the request is metered (the way in),
 *       half after (the way back);</li>
 *   <li>every URL of every accepted request is counted, so that a lost or a duplicated URL shows.</li>
 * </ul>
 * All of its time is a {@link ScaledClock}'s, shared with the client it serves.
 */
final class FakeCloudflare implements AutoCloseable {

    static final String ZONE_ID = "0123456789abcdef0123456789abcdef";
    static final String TOKEN = "bench-token";

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK's server leaves Nagle's algorithm on unless told otherwise; a response written as headers, then
        // body, then stalls until the client's delayed ACK (about 40 ms on Linux), which would add to every round
        // trip and flatter the engine over the sequential baseline. Read once, when the server class is loaded.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final int GENERAL_LIMIT = 1200;
    static final Duration GENERAL_WINDOW = Duration.ofMinutes(5);
    static final Duration BLOCK = Duration.ofMinutes(5);

    private final int urlsPerSecond;
    private final int maxUrlsPerRequest;
    private final long halfLatencyNanos;
    private final String planName;
    private final ScaledClock clock;
    private final Bucket bucket;

    private final Object generalLock = new Object();
    private long windowStart;
    private boolean windowOpen;
    private int windowCount;
    private long blockedUntil;
    private long blockedSince;
    private final AtomicLong blocks = new AtomicLong();
    private final AtomicLong blockedRequests = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService threads;

    private final Map<String, AtomicInteger> acceptedUrls = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong acceptedRequests = new AtomicLong();
    private final AtomicLong tooManyRequests = new AtomicLong();
    private final AtomicLong tooLarge = new AtomicLong();
    private final AtomicLong otherRejections = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicLong zoneLookups = new AtomicLong();
    /** When the first request arrived, on the fake's clock; 0 before. */
    private final AtomicLong firstRequestAt = new AtomicLong();
    /** Every refusal by the URL bucket: when, and how far short, for the report. */
    private final Queue<String> bucketRefusals = new ConcurrentLinkedQueue<>();

    /** A Free zone on the real clock. */
    FakeCloudflare(int urlsPerSecond, int maxUrlsPerRequest, Duration roundTrip) throws IOException {
        this(urlsPerSecond, maxUrlsPerRequest, roundTrip, "Free Website", new ScaledClock(1));
    }

    /**
     * @param planName the zone's plan as {@code GET /zones/{zone_id}} names it, e.g. "Pro Website"
     */
    FakeCloudflare(int urlsPerSecond, int maxUrlsPerRequest, Duration roundTrip, String planName, ScaledClock clock)
            throws IOException {
        this.urlsPerSecond = urlsPerSecond;
        this.maxUrlsPerRequest = maxUrlsPerRequest;
        this.halfLatencyNanos = roundTrip.toNanos() / 2;
        this.planName = planName;
        this.clock = clock;
        TimeMeter meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.nanoTime();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.bucket = Bucket.builder()
                .addLimit(l -> l.capacity(urlsPerSecond).refillGreedy(urlsPerSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(meter)
                .build();
        this.threads = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "fake-cloudflare");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(threads);
        server.createContext("/client/v4/", this::handle);
        server.start();
    }

    /** The API base URL to hand to the client. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/client/v4");
    }

    int urlsPerSecond() {
        return urlsPerSecond;
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try (exchange) {
            requests.incrementAndGet();
            firstRequestAt.compareAndSet(0, clock.nanoTime());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            pause(halfLatencyNanos);
            General general = countGeneral();
            Answer answer = general.blocked() ? blockedAnswer(general) : answer(exchange, body);
            pause(halfLatencyNanos);
            if (answer.retryAfterSeconds > 0) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(answer.retryAfterSeconds));
            }
            exchange.getResponseHeaders()
                    .set("Ratelimit", "\"default\";r=" + general.remaining() + ";t=" + general.resetSeconds());
            exchange.getResponseHeaders()
                    .set("Ratelimit-Policy", "\"default\";q=" + GENERAL_LIMIT + ";w=" + GENERAL_WINDOW.toSeconds());
            byte[] json = answer.json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private record Answer(int status, String json, long retryAfterSeconds) {}

    /** What the general limit says of one request: left in the window, seconds to reset, or blocked. */
    private record General(boolean blocked, long remaining, long resetSeconds) {}

    /** Counts one request against the token's general limit (every request counts, as at Cloudflare). */
    private General countGeneral() {
        long now = clock.nanoTime();
        synchronized (generalLock) {
            if (now - blockedUntil < 0) {
                blockedRequests.incrementAndGet();
                return new General(true, 0, seconds(blockedUntil - now));
            }
            if (!windowOpen || now - (windowStart + GENERAL_WINDOW.toNanos()) >= 0) {
                windowOpen = true;
                windowStart = now;
                windowCount = 0;
            }
            windowCount++;
            if (windowCount > GENERAL_LIMIT) {
                blocks.incrementAndGet();
                blockedRequests.incrementAndGet();
                blockedSince = now;
                blockedUntil = now + BLOCK.toNanos();
                windowOpen = false;
                return new General(true, 0, seconds(BLOCK.toNanos()));
            }
            long reset = seconds(windowStart + GENERAL_WINDOW.toNanos() - now);
            return new General(false, GENERAL_LIMIT - windowCount, reset);
        }
    }

    /** When the current general-limit window ends, on the fake's clock; for the bound of a benchmark row. */
    long generalWindowEnd() {
        synchronized (generalLock) {
            return windowStart + GENERAL_WINDOW.toNanos();
        }
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private Answer blockedAnswer(General general) {
        Answer refused = failure(429, 971, "Please wait and consider throttling your request speed");
        return new Answer(429, refused.json, general.resetSeconds());
    }

    private Answer zone() {
        String legacy = planName.split(" ")[0].toLowerCase(Locale.ROOT);
        return new Answer(
                200,
                "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"" + ZONE_ID
                        + "\",\"name\":\"example.com\",\"status\":\"active\",\"plan\":{\"id\":\"plan-" + legacy
                        + "\",\"name\":" + quote(planName) + ",\"legacy_id\":\"" + legacy + "\"}}}",
                0);
    }

    private Answer answer(HttpExchange exchange, byte[] body) {
        String expectedPath = "/client/v4/zones/" + ZONE_ID + "/purge_cache";
        if ("GET".equals(exchange.getRequestMethod())
                && ("/client/v4/zones/" + ZONE_ID)
                        .equals(exchange.getRequestURI().getPath())
                && ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            zoneLookups.incrementAndGet();
            return zone();
        }
        if (!"POST".equals(exchange.getRequestMethod())
                || !expectedPath.equals(exchange.getRequestURI().getPath())) {
            otherRejections.incrementAndGet();
            return failure(
                    404,
                    7003,
                    "Could not route to " + exchange.getRequestURI().getPath()
                            + ", perhaps your object identifier is invalid?");
        }
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            otherRejections.incrementAndGet();
            return failure(403, 10000, "Authentication error");
        }
        List<String> urls;
        try {
            urls = urls(JSON.readTree(body));
        } catch (IOException | IllegalArgumentException e) {
            otherRejections.incrementAndGet();
            return failure(
                    400,
                    1012,
                    "Request must contain one of \"purge_everything\", \"files\", \"tags\", \"hosts\" or \"prefixes\"");
        }
        if (urls.size() > maxUrlsPerRequest) {
            tooLarge.incrementAndGet();
            return failure(
                    400,
                    1094,
                    "Purge of " + urls.size() + " files exceeded the limit of " + maxUrlsPerRequest
                            + " files per request");
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(urls.size());
        if (!probe.isConsumed()) {
            tooManyRequests.incrementAndGet();
            bucketRefusals.add(String.format(
                    Locale.ROOT,
                    "%d URLs at %.3f s, %.1f ms short",
                    urls.size(),
                    (clock.nanoTime() - firstRequestAt.get()) / 1e9,
                    probe.getNanosToWaitForRefill() / 1e6));
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            Answer refused = failure(429, 971, "Please wait and consider throttling your request speed");
            return new Answer(429, refused.json, seconds);
        }
        for (String url : urls) {
            acceptedUrls.computeIfAbsent(url, k -> new AtomicInteger()).incrementAndGet();
        }
        acceptedRequests.incrementAndGet();
        String id = String.format("%032x", requestIds.incrementAndGet());
        return new Answer(
                200, "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"id\":\"" + id + "\"}}", 0);
    }

    private static List<String> urls(JsonNode body) {
        JsonNode files = body == null ? null : body.get("files");
        if (files == null || !files.isArray() || files.isEmpty()) {
            throw new IllegalArgumentException("no files");
        }
        List<String> urls = new ArrayList<>(files.size());
        for (JsonNode file : files) {
            String url = file.isTextual() ? file.asText() : file.path("url").asText("");
            if (url.isEmpty()) {
                throw new IllegalArgumentException("empty url");
            }
            urls.add(url);
        }
        return urls;
    }

    private static Answer failure(int status, int code, String message) {
        String json = "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":" + quote(message)
                + "}],\"messages\":[],\"result\":null}";
        return new Answer(status, json, 0);
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void pause(long nanos) {
        try {
            clock.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The URL bucket's refusals: how many URLs, when after the first request, how long before they would fit. */
    List<String> bucketRefusals() {
        return List.copyOf(bucketRefusals);
    }

    /** What this fake saw, compared with the URLs that should have reached it. */
    Ledger ledger(Collection<String> expected) {
        long lost = 0;
        for (String url : expected) {
            if (!acceptedUrls.containsKey(url)) {
                lost++;
            }
        }
        long duplicated = 0;
        long unexpected = 0;
        long accepted = 0;
        Set<String> wanted = expected instanceof Set<String> set ? set : new HashSet<>(expected);
        for (Map.Entry<String, AtomicInteger> e : acceptedUrls.entrySet()) {
            int times = e.getValue().get();
            accepted += times;
            duplicated += times - 1;
            if (!wanted.contains(e.getKey())) {
                unexpected++;
            }
        }
        return new Ledger(
                requests.get(),
                acceptedRequests.get(),
                tooManyRequests.get(),
                tooLarge.get(),
                otherRejections.get(),
                accepted,
                lost,
                duplicated,
                unexpected,
                maxInFlight.get(),
                blocks.get(),
                blockedRequests.get(),
                zoneLookups.get());
    }

    /**
     * @param urlsAccepted every URL of every accepted request, duplicates included
     * @param lost expected URLs that were never accepted
     * @param duplicated acceptances beyond the first of a URL
     * @param unexpected accepted URLs that were not expected at all
     * @param maxInFlight the most requests this fake was answering at one time
     * @param blocks how often the general limit was exceeded (each time, five minutes of refusals)
     * @param blockedRequests requests refused by the general limit, the exceeding ones included
     * @param zoneLookups {@code GET /zones/{zone_id}} answered
     */
    record Ledger(
            long requests,
            long acceptedRequests,
            long status429,
            long status400TooMany,
            long otherRejections,
            long urlsAccepted,
            long lost,
            long duplicated,
            long unexpected,
            int maxInFlight,
            long blocks,
            long blockedRequests,
            long zoneLookups) {}

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
