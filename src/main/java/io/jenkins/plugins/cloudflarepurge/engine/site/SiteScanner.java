package io.jenkins.plugins.cloudflarepurge.engine.site;

import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scans a site directory into a {@link SiteManifest}: every regular file under it, at its path relative to the
 * directory, hashed where it is.
 *
 * <p>Symbolic links are <strong>never followed out of the directory</strong>: a link whose target (all links
 * resolved) is outside it is skipped, with a note. A link inside the directory is followed, because a web server
 * serving the deployed directory follows it too: a link to a file is that file's content at the link's path, and a
 * link to a directory (such as {@code docs/latest -> v2}) publishes that directory's files at the link's paths too,
 * so that a change in {@code v2/a.html} also purges {@code latest/a.html}. A link that would re-enter a directory
 * being walked (a loop) and a broken link are skipped with a note. If the site directory itself is a link, its
 * target is scanned.
 *
 * <p>Names are kept as the file system gives them, spaces, Unicode and control characters included (the planner
 * refuses a control character, with its explanation). A name that the JVM cannot decode (bytes that are not valid
 * in its file name encoding, {@code sun.jnu.encoding}, usually UTF-8) has no URL that can be spelled: it is skipped
 * with a note that names it. Devices, FIFOs and sockets are skipped with a note.
 */
public final class SiteScanner {

    /** The most files a scan accepts: a bound on memory and on loops of directory links that multiply paths. */
    public static final int MAX_FILES = 2_000_000;

    /** Notes of one kind beyond this many are counted, not printed, so that a console is not flooded. */
    static final int MAX_NOTES_PER_KIND = 10;

    private static final String FIELD = "siteDirectory";

    private final Path root;
    private final Path realRoot;
    private final List<ParallelHashing.FileToHash> found = new ArrayList<>();
    private final Deque<Path> linkParents = new ArrayDeque<>();
    private final Notes notes = new Notes();
    private int linksFollowed;

    private final int maxFiles;

    private SiteScanner(Path root, Path realRoot, int maxFiles) {
        this.root = root;
        this.realRoot = realRoot;
        this.maxFiles = maxFiles;
    }

    /** Scans with as many threads hashing as there are processors, up to 4. */
    public static SiteScan scan(Path siteDirectory) throws IOException, InterruptedException {
        return scan(siteDirectory, defaultThreads());
    }

    /** The number of threads {@link #scan(Path)} hashes with on this machine. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * @param siteDirectory the directory whose files are published
     * @param threads how many files are hashed at once; 1 hashes in the calling thread
     * @throws InvalidInputException (field {@code siteDirectory}) if the directory does not exist, is not a
     *     directory, or holds more than {@link #MAX_FILES} files
     * @throws IOException if a directory cannot be listed or a file cannot be read (the message names it)
     * @throws InterruptedException if the calling thread is interrupted (the build was aborted)
     */
    public static SiteScan scan(Path siteDirectory, int threads) throws IOException, InterruptedException {
        return scan(siteDirectory, threads, MAX_FILES);
    }

    static SiteScan scan(Path siteDirectory, int threads, int maxFiles) throws IOException, InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, not " + threads);
        }
        if (!Files.exists(siteDirectory)) {
            throw new InvalidInputException(
                    FIELD,
                    "The site directory " + siteDirectory + " does not exist. Give the directory the build"
                            + " publishes (relative to the workspace, such as 'public'), and place the purge after the"
                            + " step that generates it.");
        }
        if (!Files.isDirectory(siteDirectory)) {
            throw new InvalidInputException(
                    FIELD,
                    "The site directory " + siteDirectory + " is a file, not a directory. Give the directory that"
                            + " holds the published files, such as 'public'.");
        }
        Path realRoot = siteDirectory.toRealPath();
        SiteScanner scanner = new SiteScanner(siteDirectory, realRoot, maxFiles);
        if (Files.isSymbolicLink(siteDirectory)) {
            scanner.notes.add(
                    "root", "The site directory " + siteDirectory + " is a symbolic link; scanning " + realRoot);
        }
        scanner.walk(realRoot, "");
        if (scanner.linksFollowed > 0) {
            scanner.notes.add(
                    "followed",
                    "Followed " + scanner.linksFollowed + " symbolic link(s) inside the site directory: a linked file"
                            + " is listed at the link's path as well as its own.");
        }
        SiteManifest manifest = ParallelHashing.hashAll(
                scanner.found,
                threads,
                siteDirectory,
                path -> scanner.notes.add(
                        "vanished",
                        "Skipped " + printable(path)
                                + ": it was deleted while the scan ran, so it counts as deleted."));
        return new SiteScan(manifest, scanner.notes.lines());
    }

    private void walk(Path dir, String prefix) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("site directory scan interrupted");
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(children::add);
        } catch (AccessDeniedException e) {
            throw new IOException("Cannot list " + shown(prefix) + " in the site directory " + root
                    + ": permission denied. Make it readable by the agent's user.");
        }
        children.sort(null); // the file system's order varies; notes come out the same way every time
        for (Path child : children) {
            Path fileName = child.getFileName();
            if (fileName == null) {
                continue; // only a root has no name, and a directory's entries are not roots
            }
            String name = fileName.toString();
            String path = prefix + name;
            if (!isAscii(name) && !child.equals(dir.resolve(name))) { // an undecodable byte became U+FFFD
                notes.add(
                        "name",
                        "Skipped " + printable(path) + ": its name is not valid in the agent's file name encoding ("
                                + System.getProperty("sun.jnu.encoding", "unknown") + "), so it has no URL that can be"
                                + " purged. Rename it, or run the agent with a UTF-8 locale (such as LANG=C.UTF-8).");
                continue;
            }
            BasicFileAttributes attributes =
                    Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                link(dir, child, path);
            } else if (attributes.isDirectory()) {
                walk(child, path + "/");
            } else if (attributes.isRegularFile()) {
                add(path, child);
            } else {
                notes.add("special", "Skipped " + printable(path) + ": not a regular file (a device, FIFO or socket).");
            }
        }
    }

    private void link(Path dir, Path link, String path) throws IOException, InterruptedException {
        String target = printable(String.valueOf(Files.readSymbolicLink(link)));
        Path real;
        try {
            real = link.toRealPath();
        } catch (NoSuchFileException e) {
            notes.add(
                    "broken",
                    "Skipped symbolic link " + printable(path) + " -> " + target + ": its target does not exist.");
            return;
        } catch (IOException e) {
            notes.add(
                    "broken",
                    "Skipped symbolic link " + printable(path) + " -> " + target + ": it cannot be resolved ("
                            + e.getClass().getSimpleName() + ").");
            return;
        }
        if (!real.startsWith(realRoot)) {
            notes.add(
                    "outside",
                    "Skipped symbolic link " + printable(path) + " -> " + target
                            + ": it points outside the site directory, and links are never followed out of it.");
            return;
        }
        if (Files.isDirectory(real)) {
            if (dir.startsWith(real) || linkParents.stream().anyMatch(p -> p.startsWith(real))) {
                notes.add(
                        "loop",
                        "Skipped symbolic link " + printable(path) + " -> " + target
                                + ": it leads back into a directory it is in (a loop).");
                return;
            }
            linksFollowed++;
            linkParents.push(dir);
            try {
                walk(real, path + "/");
            } finally {
                linkParents.pop();
            }
        } else if (Files.isRegularFile(real)) {
            linksFollowed++;
            add(path, real);
        } else {
            notes.add("special", "Skipped " + printable(path) + ": it links to something that is not a regular file.");
        }
    }

    private void add(String path, Path file) {
        if (found.size() == maxFiles) {
            throw new InvalidInputException(
                    FIELD,
                    "The site directory " + root + " holds more than " + maxFiles + " files (symbolic links to"
                            + " directories included): give the directory that holds only the published files.");
        }
        found.add(new ParallelHashing.FileToHash(path, file));
    }

    private static boolean isAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String shown(String prefix) {
        return prefix.isEmpty() ? "the top" : printable(prefix);
    }

    /** The path in quotes with control characters spelled as {@code \\uXXXX}, so a console line stays one line. */
    static String printable(String path) {
        StringBuilder out = new StringBuilder(path.length() + 2).append('\'');
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** Console lines, at most {@link #MAX_NOTES_PER_KIND} of each kind, then a count of the rest; hashing threads add too. */
    private static final class Notes {
        private final List<String> lines = new ArrayList<>();
        private final Map<String, Integer> counts = new LinkedHashMap<>();

        synchronized void add(String kind, String line) {
            int count = counts.merge(kind, 1, Integer::sum);
            if (count <= MAX_NOTES_PER_KIND) {
                lines.add(line);
            }
        }

        synchronized List<String> lines() {
            List<String> all = new ArrayList<>(lines);
            counts.forEach((kind, count) -> {
                if (count > MAX_NOTES_PER_KIND) {
                    all.add("... and " + (count - MAX_NOTES_PER_KIND) + " more skipped or followed the same way.");
                }
            });
            return all;
        }
    }
}
