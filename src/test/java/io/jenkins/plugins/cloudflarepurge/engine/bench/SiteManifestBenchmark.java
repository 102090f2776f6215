package io.jenkins.plugins.cloudflarepurge.engine.bench;

import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import io.jenkins.plugins.cloudflarepurge.engine.site.SiteManifest;
import io.jenkins.plugins.cloudflarepurge.engine.site.SiteScan;
import io.jenkins.plugins.cloudflarepurge.engine.site.SiteScanner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * The site directory's manifest at scale: a synthetic published site of 100,000 files, about 1 GB in all, scanned
 * (walked and hashed), compared with its scan after 1% of it changed, and stored. Not a test: it asserts nothing
 * (but says so loudly if the diff is not exactly the changes made) and runs only on request:
 *
 * <pre>mvn -B -ntp -f .ci/engine-pom.xml -Pbench test-compile exec:java -Dexec.mainClass=io.jenkins.plugins.cloudflarepurge.engine.bench.SiteManifestBenchmark</pre>
 *
 * The physical bound for hashing is reading the same bytes: in the same run, the same files are walked and read
 * with plain sequential reads (open, read into a 64 KiB buffer until the end, close, like {@code cat}), once on one
 * thread and once on as many threads as the scan uses, and {@code find | xargs cat > /dev/null} is timed too. Both
 * sides are measured warm in the same way: the files were just written and are read once, untimed, before any timed
 * pass, so every pass reads from the page cache (the machine has far more memory than 1 GB); then reading and
 * scanning alternate for several rounds and the medians are compared. Reading from the page cache is the hardest
 * bound to meet: from a disk, reading is slower and hashing hides behind it.
 *
 * <p>The files are written under {@code java.io.tmpdir} once, reused by every phase, and deleted at the end (also on
 * Ctrl-C). System properties: {@code bench.siteFiles} (100000), {@code bench.siteBytes} (1000000000),
 * {@code bench.siteRounds} (3), {@code bench.siteChangedPercent} (1).
 */
public final class SiteManifestBenchmark {

    private static final int BUFFER_BYTES = 64 * 1024;

    private SiteManifestBenchmark() {}

    public static void main(String[] args) throws Exception {
        int files = Integer.getInteger("bench.siteFiles", 100_000);
        long bytes = Long.getLong("bench.siteBytes", 1_000_000_000L);
        int rounds = Integer.getInteger("bench.siteRounds", 3);
        double changedPercent = Double.parseDouble(System.getProperty("bench.siteChangedPercent", "1"));
        int threads = SiteScanner.defaultThreads();
        System.out.printf(
                Locale.ROOT,
                "Site manifest benchmark, %s, %d cores, Java %s, scan threads %d%n",
                LocalDate.now(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                threads);
        System.out.printf(
                Locale.ROOT,
                "system load average at the start: %.1f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long free = Files.getFileStore(tmp).getUsableSpace();
        if (free < 2 * bytes + (1L << 30)) {
            System.out.printf(Locale.ROOT, "Not enough room in %s: %,d bytes free, %,d needed%n", tmp, free, 2 * bytes);
            return;
        }
        Path work = Files.createTempDirectory(tmp, "cloudflare-purge-site-bench-");
        Thread cleanup = new Thread(() -> deleteQuietly(work));
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            run(work, files, bytes, rounds, changedPercent, threads);
        } finally {
            long start = System.nanoTime();
            deleteQuietly(work);
            Runtime.getRuntime().removeShutdownHook(cleanup);
            System.out.printf(Locale.ROOT, "(deleted %s in %.1f s)%n", work, seconds(System.nanoTime() - start));
        }
    }

    private static void run(Path work, int files, long bytes, int rounds, double changedPercent, int threads)
            throws Exception {
        Path site = work.resolve("public");
        long start = System.nanoTime();
        List<String> paths = generate(site, files, bytes, new SplittableRandom(42));
        System.out.printf(
                Locale.ROOT,
                "generated %,d files, %,d bytes under %s in %.1f s%n",
                paths.size(),
                sizeOf(site),
                site,
                seconds(System.nanoTime() - start));

        // Warm-up, untimed: every file read once (page cache), and the scan's and the reads' code compiled.
        readAll(site, 1);
        SiteScanner.scan(site, threads);

        long[] read1 = new long[rounds];
        long[] readN = new long[rounds];
        long[] scan1 = new long[rounds];
        long[] scanN = new long[rounds];
        long[] cat = new long[rounds];
        long[][] cpu = new long[4][rounds]; // the same four passes, in CPU time of this process (all its threads)
        SiteManifest before = null;
        long readBytes = 0;
        for (int r = 0; r < rounds; r++) {
            long cpuStart = cpu();
            start = System.nanoTime();
            readBytes = readAll(site, 1);
            read1[r] = System.nanoTime() - start;
            cpu[0][r] = cpu() - cpuStart;

            cpuStart = cpu();
            start = System.nanoTime();
            before = SiteScanner.scan(site, 1).manifest();
            scan1[r] = System.nanoTime() - start;
            cpu[1][r] = cpu() - cpuStart;

            cpuStart = cpu();
            start = System.nanoTime();
            readAll(site, threads);
            readN[r] = System.nanoTime() - start;
            cpu[2][r] = cpu() - cpuStart;

            cpuStart = cpu();
            start = System.nanoTime();
            SiteScan scan = SiteScanner.scan(site, threads);
            scanN[r] = System.nanoTime() - start;
            cpu[3][r] = cpu() - cpuStart;
            if (!scan.manifest().equals(before)) {
                System.out.println("NOTE: the scans on 1 and on " + threads + " threads differ");
            }
            cat[r] = catAll(site);
        }
        long[] digestOnly = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            digestOnly[r] = digestOnly(readBytes);
        }
        if (before.totalBytes() != readBytes) {
            System.out.println("NOTE: the scan hashed " + before.totalBytes() + " bytes, the reads read " + readBytes);
        }

        // 1% of the files changed on disk: modified, added, deleted, and some rewritten with the same bytes.
        Set<ChangedFile> expected = change(site, paths, changedPercent, new SplittableRandom(7));
        start = System.nanoTime();
        SiteManifest after = SiteScanner.scan(site, threads).manifest();
        long rescan = System.nanoTime() - start;

        long[] diff = new long[rounds + 1];
        long[] store = new long[rounds + 1];
        long[] load = new long[rounds + 1];
        List<ChangedFile> changes = null;
        Path stored = work.resolve(SiteManifest.fileName("023e105f4ecef8ad9ca31a8372d0c353"));
        SiteManifest loaded = null;
        for (int r = 0; r <= rounds; r++) { // round 0 is the first call in this JVM, as in a build
            start = System.nanoTime();
            changes = after.changesSince(before);
            diff[r] = System.nanoTime() - start;

            start = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(stored)) {
                after.writeTo(out);
            }
            store[r] = System.nanoTime() - start;

            start = System.nanoTime();
            try (InputStream in = Files.newInputStream(stored)) {
                loaded = SiteManifest.readFrom(in);
            }
            load[r] = System.nanoTime() - start;
        }
        boolean exact = new HashSet<>(changes).equals(expected) && changes.size() == expected.size();
        boolean roundTrip = after.equals(loaded);
        long storedBytes = Files.size(stored);
        ByteArrayOutputStream serialised = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(serialised)) {
            oos.writeObject(after);
        }

        double mb = readBytes / 1e6;
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "%d rounds, medians; every pass reads from the page cache (files read once, untimed, before)%n",
                rounds);
        row("read, 1 thread (the bound)", read1, mb);
        row("scan, 1 thread", scan1, mb);
        row("read, " + threads + " threads", readN, mb);
        row("scan, " + threads + " threads (the default)", scanN, mb);
        row("find | xargs cat > /dev/null", cat, mb);
        row("SHA-256 alone, same bytes, in memory", digestOnly, mb);
        System.out.printf(Locale.ROOT, "%-40s %9.1f ms%n", "rescan after the changes", rescan / 1e6);
        System.out.printf(
                Locale.ROOT,
                "%-40s %9.1f ms   first call %.1f ms (%,d changes: %s)%n",
                "diff against 1% changed",
                median(Arrays.copyOfRange(diff, 1, diff.length)) / 1e6,
                diff[0] / 1e6,
                changes.size(),
                exact ? "exactly the changes made" : "NOT the changes made");
        System.out.printf(
                Locale.ROOT,
                "%-40s %9.1f ms   first call %.1f ms%n",
                "store (write the file)",
                median(Arrays.copyOfRange(store, 1, store.length)) / 1e6,
                store[0] / 1e6);
        System.out.printf(
                Locale.ROOT,
                "%-40s %9.1f ms   first call %.1f ms (%s)%n",
                "load (read it back)",
                median(Arrays.copyOfRange(load, 1, load.length)) / 1e6,
                load[0] / 1e6,
                roundTrip ? "equal" : "NOT EQUAL");
        System.out.printf(
                Locale.ROOT,
                "stored: %,d bytes for %,d files = %.1f bytes per file; Java-serialised (to the controller): %,d"
                        + " bytes%n",
                storedBytes,
                after.size(),
                (double) storedBytes / after.size(),
                serialised.size());
        System.out.printf(
                Locale.ROOT,
                "diff + store: %.1f ms (first calls: %.1f ms)%n",
                (median(Arrays.copyOfRange(diff, 1, diff.length)) + median(Arrays.copyOfRange(store, 1, store.length)))
                        / 1e6,
                (diff[0] + store[0]) / 1e6);
        System.out.printf(
                Locale.ROOT,
                "hashing ratio to the sequential-read bound (scan time / read time, median of the rounds' ratios, each"
                        + " round's passes back to back):%n  %.2f 1 thread vs 1 thread; %.2f %d threads vs 1 thread"
                        + " (cat-like); %.2f %d threads vs %d threads%n",
                medianRatio(scan1, read1),
                medianRatio(scanN, read1),
                threads,
                medianRatio(scanN, readN),
                threads,
                threads);
        System.out.printf(
                Locale.ROOT,
                "CPU time per pass (this process, all threads; less sensitive to other load): read %.0f ms, scan %.0f"
                        + " ms on 1 thread (ratio %.2f); read %.0f ms, scan %.0f ms on %d threads%n",
                median(cpu[0]) / 1e6,
                median(cpu[1]) / 1e6,
                medianRatio(cpu[1], cpu[0]),
                median(cpu[2]) / 1e6,
                median(cpu[3]) / 1e6,
                threads);
        System.out.printf(
                Locale.ROOT,
                "system load average now: %.1f on %d cores (above the core count, the figures are CPU-starved)%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    /** Nanoseconds to SHA-256 as many bytes from a 64 KiB array already in memory: the digest's own cost. */
    private static long digestOnly(long bytes) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[BUFFER_BYTES];
        new SplittableRandom(1).nextBytes(buffer);
        long start = System.nanoTime();
        for (long done = 0; done < bytes; done += buffer.length) {
            digest.update(buffer, 0, (int) Math.min(buffer.length, bytes - done));
        }
        digest.digest();
        return System.nanoTime() - start;
    }

    /** CPU time of this process in nanoseconds, or 0 where the JVM does not say. */
    private static long cpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    private static double medianRatio(long[] numerators, long[] denominators) {
        double[] ratios = new double[numerators.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = (double) numerators[i] / denominators[i];
        }
        Arrays.sort(ratios);
        return ratios[ratios.length / 2];
    }

    /** A static site's shape: sections, years, months, pages and assets; sizes log-uniform, scaled to the total. */
    private static List<String> generate(Path site, int files, long bytes, SplittableRandom random) throws IOException {
        String[] sections = {"blog", "docs", "assets/img", "assets/js", "news", "tags", "caf\u00e9 menu", "\u4e2d\u6587"
        };
        String[] extensions = {".html", ".html", ".html", ".css", ".js", ".svg", ".png", ".json"};
        double[] raw = new double[files];
        double sum = 0;
        for (int i = 0; i < files; i++) {
            raw[i] = Math.exp(Math.log(1024) + random.nextDouble() * (Math.log(64 * 1024) - Math.log(1024)));
            sum += raw[i];
        }
        double scale = bytes / sum;
        List<String> paths = new ArrayList<>(files);
        byte[] content = new byte[(int) (64 * 1024 * scale) + 1];
        random.nextBytes(content);
        for (int i = 0; i < files; i++) {
            String section = sections[i % sections.length];
            String path =
                    section + "/" + (2015 + (i / 8) % 10) + "/" + String.format(Locale.ROOT, "%02d", 1 + (i / 80) % 12)
                            + "/page-" + i + extensions[(i / 3) % extensions.length];
            Path file = site.resolve(path);
            Files.createDirectories(file.getParent());
            int size = (int) Math.round(raw[i] * scale);
            int offset = random.nextInt(content.length - size + 1);
            content[offset] ^= (byte) i; // no two files alike
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(content, offset, size));
            }
            paths.add(path);
        }
        return paths;
    }

    /** Changes {@code percent}% of the files (60% modified, 20% deleted, 20% added) and rewrites as many unchanged. */
    private static Set<ChangedFile> change(Path site, List<String> paths, double percent, SplittableRandom random)
            throws IOException {
        int count = (int) Math.round(paths.size() * percent / 100);
        Set<ChangedFile> expected = new HashSet<>();
        Set<Integer> picked = new HashSet<>();
        while (picked.size() < Math.min(2 * count, paths.size())) {
            picked.add(random.nextInt(paths.size()));
        }
        Integer[] order = picked.toArray(new Integer[0]);
        Arrays.sort(order);
        for (int k = 0; k < order.length; k++) {
            String path = paths.get(order[k]);
            Path file = site.resolve(path);
            if (k % 2 == 1) { // touched: the same bytes written again, a new timestamp, no change
                Files.write(file, Files.readAllBytes(file));
            } else if (k % 10 < 6) {
                byte[] content = Files.readAllBytes(file);
                content[content.length / 2] ^= 1; // one bit, same size
                Files.write(file, content);
                expected.add(ChangedFile.modified(path));
            } else if (k % 10 < 8) {
                Files.delete(file);
                expected.add(ChangedFile.deleted(path));
            } else {
                String added = path.replace("page-", "new-page-");
                Files.write(site.resolve(added), Files.readAllBytes(file));
                expected.add(ChangedFile.added(added));
            }
        }
        return expected;
    }

    /** Walks the tree and reads every file to its end with plain reads: what {@code cat} does. */
    private static long readAll(Path site, int threads) throws Exception {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(site, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                files.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        LongAdder total = new LongAdder();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
                    for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                        try (FileChannel in = FileChannel.open(files.get(i), StandardOpenOption.READ)) {
                            int n;
                            while ((n = in.read(buffer.clear())) >= 0) {
                                total.add(n);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        return total.sum();
    }

    /** {@code find | xargs cat}, for reference; -1 when there is no shell. */
    private static long catAll(Path site) throws InterruptedException {
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder("sh", "-c", "find . -type f -print0 | xargs -0 cat > /dev/null")
                    .directory(site.toFile())
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor() == 0 ? System.nanoTime() - start : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static void row(String name, long[] nanos, double mb) {
        long median = median(nanos);
        if (median < 0) {
            System.out.printf(Locale.ROOT, "%-40s (not available)%n", name);
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "%-40s %9.1f ms  %,8.0f MB/s  (rounds: %s)%n",
                name,
                median / 1e6,
                mb / (median / 1e9),
                String.join(
                        ", ",
                        Arrays.stream(nanos)
                                .mapToObj(n -> String.format(Locale.ROOT, "%.0f", n / 1e6))
                                .toList()));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println("could not delete " + dir + ": " + e);
        }
    }
}
