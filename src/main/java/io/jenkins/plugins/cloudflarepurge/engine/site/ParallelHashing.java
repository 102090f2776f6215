package io.jenkins.plugins.cloudflarepurge.engine.site;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hashes the files a scan found on a few threads, each with its own {@link FileHasher}, taking the next file from a
 * shared counter. Once the files are in the page cache, reading and hashing are both CPU
 * work, so a free second core shares it; see docs/benchmarks.md.
 */
final class ParallelHashing {

    /** A file to hash: its path in the manifest and where to read it (the target, for a link). */
    record FileToHash(String path, Path file) {}

    private ParallelHashing() {}

    /**
     * @param vanished told the path of each file deleted before it could be read; called from the hashing threads
     * @throws IOException naming the first file that cannot be read
     */
    static SiteManifest hashAll(List<FileToHash> found, int threads, Path root, Consumer<String> vanished)
            throws IOException, InterruptedException {
        SiteManifest.Entry[] entries = new SiteManifest.Entry[found.size()];
        AtomicInteger next = new AtomicInteger();
        if (threads == 1 || found.size() < 2) {
            hashSome(found, next, entries, root, vanished);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, found.size()), r -> {
                Thread t = new Thread(r, "cloudflare-purge site scan");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<Void>> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    workers.add(pool.submit(() -> {
                        hashSome(found, next, entries, root, vanished);
                        return null;
                    }));
                }
                for (Future<Void> worker : workers) {
                    worker.get();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof InterruptedException) {
                    throw new InterruptedException("site directory scan interrupted");
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        List<SiteManifest.Entry> hashed = new ArrayList<>(entries.length);
        for (SiteManifest.Entry entry : entries) {
            if (entry != null) { // null: the file vanished while the scan ran
                hashed.add(entry);
            }
        }
        return SiteManifest.of(hashed);
    }

    private static void hashSome(
            List<FileToHash> found,
            AtomicInteger next,
            SiteManifest.Entry[] entries,
            Path root,
            Consumer<String> vanished)
            throws IOException, InterruptedException {
        FileHasher hasher = new FileHasher();
        for (int i = next.getAndIncrement(); i < found.size(); i = next.getAndIncrement()) {
            if (Thread.currentThread().isInterrupted()) {
                next.set(found.size()); // stop the others too
                throw new InterruptedException("site directory scan interrupted");
            }
            FileToHash f = found.get(i);
            try {
                entries[i] = hasher.hash(f.path(), f.file());
            } catch (NoSuchFileException e) {
                vanished.accept(f.path());
            } catch (InterruptedIOException e) {
                next.set(found.size());
                throw new InterruptedException("site directory scan interrupted");
            } catch (IOException e) {
                next.set(found.size());
                throw new IOException(
                        "Cannot read " + SiteScanner.printable(f.path()) + " in the site directory " + root + ": "
                                + (e instanceof AccessDeniedException ? "permission denied" : e.toString())
                                + ". Make it readable by the agent's user, or move it out of the site directory.",
                        e);
            }
        }
    }
}
