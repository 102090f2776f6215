package io.jenkins.plugins.cloudflarepurge.engine.site;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The published files of a site directory at one moment: for each file its path under the directory, its size and
 * a hash of its content, sorted by path. Comparing two manifests gives the files a deployment added, changed and
 * deleted, by content: a file rewritten with the same bytes is no change.
 *
 * <p>Immutable. It travels from the agent, where the files are hashed, to the controller, where it is compared and
 * stored; its Java serialised form is therefore its compact binary form ({@link #writeTo}), not its fields.
 */
public final class SiteManifest implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The version byte written after the magic; {@link #readFrom} refuses any other. */
    public static final int FORMAT_VERSION = 1;

    private static final Pattern ZONE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String[] paths;
    private final long[] sizes;
    /** Two longs per entry: the first 128 bits of the content's SHA-256, big-endian. */
    private final long[] hashes;

    /**
     * One published file.
     *
     * @param path relative to the site directory, {@code /}-separated, as it appears in the URL path after the
     *     prefix (not percent-encoded): no leading or trailing {@code /}, no empty, {@code .} or {@code ..} segment
     * @param size the number of bytes hashed
     * @param hashHigh the first 64 bits of the content's SHA-256
     * @param hashLow the next 64 bits of the content's SHA-256
     */
    public record Entry(String path, long size, long hashHigh, long hashLow) {

        public Entry {
            checkPath(path);
            if (size < 0) {
                throw new IllegalArgumentException("negative size " + size + " for " + path);
            }
        }

        /** The 128-bit content hash as 32 lower-case hex digits. */
        public String hash() {
            return String.format(Locale.ROOT, "%016x%016x", hashHigh, hashLow);
        }

        /** Whether the other entry has the same size and content hash, whatever its path. */
        public boolean sameContent(Entry other) {
            return size == other.size && hashHigh == other.hashHigh && hashLow == other.hashLow;
        }
    }

    private SiteManifest(String[] paths, long[] sizes, long[] hashes) {
        this.paths = paths;
        this.sizes = sizes;
        this.hashes = hashes;
    }

    /** A manifest of no files (an empty site directory). */
    public static SiteManifest empty() {
        return new SiteManifest(new String[0], new long[0], new long[0]);
    }

    /**
     * @param entries in any order
     * @throws IllegalArgumentException if two entries have the same path
     */
    public static SiteManifest of(Collection<Entry> entries) {
        Entry[] sorted = entries.toArray(new Entry[0]);
        Arrays.sort(sorted, Comparator.comparing(Entry::path));
        int n = sorted.length;
        String[] paths = new String[n];
        long[] sizes = new long[n];
        long[] hashes = new long[2 * n];
        for (int i = 0; i < n; i++) {
            Entry e = sorted[i];
            if (i > 0 && e.path().equals(paths[i - 1])) {
                throw new IllegalArgumentException("two entries for the path " + e.path());
            }
            paths[i] = e.path();
            sizes[i] = e.size();
            hashes[2 * i] = e.hashHigh();
            hashes[2 * i + 1] = e.hashLow();
        }
        return new SiteManifest(paths, sizes, hashes);
    }

    /** The number of files. */
    public int size() {
        return paths.length;
    }

    /** The {@code index}th entry in path order. */
    public Entry entry(int index) {
        return new Entry(paths[index], sizes[index], hashes[2 * index], hashes[2 * index + 1]);
    }

    /** All entries, sorted by path ({@link String#compareTo}); a view, made on demand. */
    public List<Entry> entries() {
        return new AbstractList<>() {
            @Override
            public Entry get(int index) {
                return entry(index);
            }

            @Override
            public int size() {
                return paths.length;
            }
        };
    }

    /** The entry for a path, if the manifest has that file. */
    public Optional<Entry> find(String path) {
        int i = Arrays.binarySearch(paths, path);
        return i < 0 ? Optional.empty() : Optional.of(entry(i));
    }

    /** The sum of the files' sizes. */
    public long totalBytes() {
        long total = 0;
        for (long size : sizes) {
            total += size;
        }
        return total;
    }

    /**
     * What changed from the baseline to this manifest, sorted by path: files only here are {@code ADDED}, files only
     * in the baseline {@code DELETED}, files in both whose size or content hash differs {@code MODIFIED}. A file with
     * the same bytes is not a change, whatever its timestamps.
     *
     * @param baseline the manifest of the last successful purge, or {@code null} when there is none
     * @return with no baseline, every file of this manifest as {@code ADDED}: what is known to exist now, not what
     *     changed (deleted files cannot be known); the caller should treat this as "no changeset" and apply its
     *     fallback rather than purge the list as if it were complete
     */
    public List<ChangedFile> changesSince(@CheckForNull SiteManifest baseline) {
        List<ChangedFile> changes = new ArrayList<>();
        if (baseline == null) {
            for (String path : paths) {
                changes.add(ChangedFile.added(path));
            }
            return changes;
        }
        String[] before = baseline.paths;
        int i = 0;
        int j = 0;
        while (i < paths.length || j < before.length) {
            int order = i == paths.length ? 1 : j == before.length ? -1 : paths[i].compareTo(before[j]);
            if (order < 0) {
                changes.add(ChangedFile.added(paths[i++]));
            } else if (order > 0) {
                changes.add(ChangedFile.deleted(before[j++]));
            } else {
                if (sizes[i] != baseline.sizes[j]
                        || hashes[2 * i] != baseline.hashes[2 * j]
                        || hashes[2 * i + 1] != baseline.hashes[2 * j + 1]) {
                    changes.add(ChangedFile.modified(paths[i]));
                }
                i++;
                j++;
            }
        }
        return changes;
    }

    /**
     * The name of the file that holds the manifest of a zone's purge in a run's directory, one per zone.
     *
     * @throws IllegalArgumentException if the zone ID could not be part of a file name (a Cloudflare zone ID is 32
     *     hex digits)
     */
    public static String fileName(String zoneId) {
        if (!ZONE_ID.matcher(zoneId).matches()) {
            throw new IllegalArgumentException("not a zone ID: '" + zoneId + "'");
        }
        return "cloudflare-purge-site-" + zoneId + ".bin";
    }

    /**
     * Writes the binary form: the magic {@code CFSM} and the {@linkplain #FORMAT_VERSION version byte}; a zlib stream
     * (with its Adler-32) of the entry count and, per entry, the path as the length of the prefix it shares with the
     * previous path plus the rest in UTF-8, and the size, numbers as unsigned varints; then the 16 hash bytes of
     * every entry, uncompressed (they are random), and their CRC-32C. About 22 bytes per file for a typical site.
     * Does not close the stream.
     */
    public void writeTo(OutputStream out) throws IOException {
        ManifestCodec.write(this, out);
    }

    /**
     * Reads what {@link #writeTo} wrote. Reads the stream to its end, which must be the manifest's end.
     *
     * @throws UnreadableManifestException if the stream is not a manifest, has another format version, is cut short
     *     or damaged
     * @throws IOException if reading fails
     */
    public static SiteManifest readFrom(InputStream in) throws IOException {
        return ManifestCodec.read(in);
    }

    /** The binary form of {@link #writeTo} as an array. */
    public byte[] toBytes() {
        return ManifestCodec.toBytes(this);
    }

    /** Reads {@link #toBytes}' array; see {@link #readFrom}. */
    public static SiteManifest fromBytes(byte[] bytes) throws UnreadableManifestException {
        return ManifestCodec.fromBytes(bytes);
    }

    // For ManifestCodec, which reads and writes the arrays without copying them.
    String[] paths() {
        return paths;
    }

    long[] sizes() {
        return sizes;
    }

    long[] hashes() {
        return hashes;
    }

    /** Wraps arrays that the caller has checked: sorted, distinct, valid paths; it must not keep them. */
    static SiteManifest ofSorted(String[] paths, long[] sizes, long[] hashes) {
        return new SiteManifest(paths, sizes, hashes);
    }

    static void checkPath(String path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int length = end - start;
            if (length == 0
                    || (length == 1 && path.charAt(start) == '.')
                    || (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
                throw new IllegalArgumentException(
                        "not a relative '/'-separated path (empty, '.' or '..' segment): " + path);
            }
            start = end + 1;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException("NUL character in path " + path);
            }
            if (Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("lone surrogate in path " + path);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiteManifest other
                && Arrays.equals(paths, other.paths)
                && Arrays.equals(sizes, other.sizes)
                && Arrays.equals(hashes, other.hashes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(paths) * 31 + Arrays.hashCode(hashes);
    }

    @Override
    public String toString() {
        return "SiteManifest[" + paths.length + " files, " + totalBytes() + " bytes]";
    }

    private Object writeReplace() {
        return new SerialForm(toBytes());
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a SiteManifest is serialised as its binary form");
    }

    /** What Java serialisation carries: the binary form, about 22 bytes per file. */
    private static final class SerialForm implements Serializable {

        private static final long serialVersionUID = 1L;

        private final byte[] bytes;

        SerialForm(byte[] bytes) {
            this.bytes = bytes;
        }

        private Object readResolve() throws ObjectStreamException {
            try {
                return fromBytes(bytes);
            } catch (UnreadableManifestException e) {
                InvalidObjectException invalid = new InvalidObjectException(e.getMessage());
                invalid.initCause(e);
                throw invalid;
            }
        }
    }
}
