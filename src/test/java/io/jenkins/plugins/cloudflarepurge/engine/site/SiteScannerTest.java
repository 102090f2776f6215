package io.jenkins.plugins.cloudflarepurge.engine.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiteScannerTest {

    @TempDir
    Path temp;

    private Path site() throws IOException {
        return Files.createDirectories(temp.resolve("site"));
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Path to content, as the scan saw it, checked against SHA-256 computed here. */
    private static Map<String, String> contents(SiteManifest manifest, Map<String, String> expected) throws Exception {
        Map<String, String> seen = new TreeMap<>();
        for (SiteManifest.Entry e : manifest.entries()) {
            String content = expected.get(e.path());
            if (content != null) {
                byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
                assertEquals(hex(sha).substring(0, 32), e.hash(), e.path());
                assertEquals(bytes.length, e.size(), e.path());
                seen.put(e.path(), content);
            } else {
                seen.put(e.path(), "?");
            }
        }
        return seen;
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("%02x", b));
        }
        return s.toString();
    }

    private static boolean symlinksWork(Path dir) {
        try {
            Path probe = Files.createSymbolicLink(dir.resolve("probe-link"), dir.resolve("nowhere"));
            Files.delete(probe);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false; // Windows without the privilege
        }
    }

    private static boolean utf8Names() {
        return "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding", ""))
                || System.getProperty("os.name").startsWith("Windows");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void nestedFilesAreListedAtTheirPathsWithTheirContentsHash(int threads) throws Exception {
        Path site = site();
        Map<String, String> files = new TreeMap<>();
        files.put("index.html", "<h1>home</h1>");
        files.put("blog/2024/post/index.html", "a post");
        files.put("blog/feed.xml", "<rss/>");
        files.put("assets/app.js", "");
        files.put(".well-known/security.txt", "Contact: x");
        for (Map.Entry<String, String> f : files.entrySet()) {
            write(site.resolve(f.getKey()), f.getValue());
        }
        Files.createDirectories(site.resolve("empty/dir"));
        SiteScan scan = SiteScanner.scan(site, threads);
        assertEquals(files, contents(scan.manifest(), files));
        assertEquals(List.of(), scan.notes());
    }

    @Test
    void anEmptyDirectoryHasAnEmptyManifest() throws Exception {
        SiteScan scan = SiteScanner.scan(site());
        assertEquals(SiteManifest.empty(), scan.manifest());
        assertEquals(List.of(), scan.notes());
    }

    @Test
    void aLargerFileIsHashedWhole() throws Exception {
        Path site = site();
        byte[] big = new byte[FileHasher.BUFFER_BYTES * 3 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + (i >> 9));
        }
        Files.write(site.resolve("big.bin"), big);
        SiteManifest.Entry e = SiteScanner.scan(site).manifest().entry(0);
        assertEquals(big.length, e.size());
        assertEquals(hex(MessageDigest.getInstance("SHA-256").digest(big)).substring(0, 32), e.hash());
    }

    @Test
    void aMissingDirectoryIsOneClearError() {
        Path missing = temp.resolve("public");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SiteScanner.scan(missing));
        assertEquals("siteDirectory", e.field());
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
    }

    @Test
    void aFileInsteadOfADirectoryIsOneClearError() throws IOException {
        Path file = temp.resolve("public");
        write(file, "x");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SiteScanner.scan(file));
        assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
    }

    @Test
    void touchingAFileWithoutChangingItIsNoChange() throws Exception {
        Path site = site();
        write(site.resolve("a.html"), "same");
        write(site.resolve("b.html"), "old");
        SiteManifest before = SiteScanner.scan(site).manifest();
        write(site.resolve("a.html"), "same");
        Files.setLastModifiedTime(site.resolve("a.html"), java.nio.file.attribute.FileTime.fromMillis(0));
        write(site.resolve("b.html"), "new");
        write(site.resolve("c.html"), "c");
        Files.delete(site.resolve("b.html"));
        write(site.resolve("b.html"), "new");
        SiteManifest after = SiteScanner.scan(site).manifest();
        assertEquals(List.of(ChangedFile.modified("b.html"), ChangedFile.added("c.html")), after.changesSince(before));
    }

    @Test
    void oddNamesAreKeptAsTheyAre() throws Exception {
        assumeTrue(utf8Names(), "the JVM's file name encoding is not UTF-8");
        Path site = site();
        Map<String, String> files = new TreeMap<>();
        files.put("a file with spaces.html", "1");
        files.put("café/naïve.html", "2");
        files.put("中文/页面.html", "3");
        files.put("emoji-\uD83D\uDE00.svg", "4");
        files.put("100%.html", "5");
        files.put("a+b#c?d.html", "6");
        boolean windows = System.getProperty("os.name").startsWith("Windows");
        if (!windows) {
            files.put("line\nbreak.html", "7");
            files.put("tab\there.html", "8");
            files.put("back\\slash.html", "9");
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            write(site.resolve(f.getKey()), f.getValue());
        }
        SiteScan scan = SiteScanner.scan(site);
        assertEquals(files, contents(scan.manifest(), files));
        assertEquals(List.of(), scan.notes());
    }

    @Test
    void aNameThatIsNotUtf8IsSkippedWithANote() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux") && utf8Names(), "Linux with UTF-8 names");
        Path site = site();
        write(site.resolve("ok.html"), "ok");
        // Java cannot spell such a name; the shell can (\351 is é in Latin-1, invalid alone in UTF-8).
        Process p = new ProcessBuilder(
                        "sh",
                        "-c",
                        "printf x > \"$(printf 'caf\\351.html')\"; mkdir \"$(printf 'd\\377')\"; printf y > \"$(printf"
                                + " 'd\\377')/in.html\"")
                .directory(site.toFile())
                .inheritIO()
                .start();
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "sh could not create the files");
        try (var listing = Files.list(site)) {
            assumeTrue(listing.count() == 3, "the file system refused the names");
        }
        SiteScan scan = SiteScanner.scan(site);
        assertEquals(
                List.of("ok.html"),
                scan.manifest().entries().stream().map(SiteManifest.Entry::path).toList());
        assertEquals(2, scan.notes().size(), scan.notes().toString());
        for (String note : scan.notes()) {
            assertTrue(note.contains("not valid in the agent's file name encoding (UTF-8)"), note);
        }
        assertTrue(
                scan.notes().stream().anyMatch(n -> n.contains("'caf\uFFFD.html'")),
                scan.notes().toString());
    }

    @Test
    void linksInsideAreFollowedAndLinksOutsideNever() throws Exception {
        Path site = site();
        assumeTrue(symlinksWork(temp), "no symbolic links here");
        write(site.resolve("v2/a.html"), "a2");
        write(site.resolve("v2/sub/b.html"), "b2");
        write(site.resolve("logo.svg"), "<svg/>");
        Files.createSymbolicLink(site.resolve("latest"), Path.of("v2"));
        Files.createSymbolicLink(site.resolve("favicon.svg"), Path.of("logo.svg"));
        Files.createSymbolicLink(site.resolve("v2/sub/up.svg"), Path.of("../../logo.svg"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        write(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(site.resolve("secret.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(site.resolve("escape"), Path.of("../outside"));
        Files.createSymbolicLink(site.resolve("via-inside"), Path.of("secret.txt")); // a chain that ends outside
        Files.createSymbolicLink(site.resolve("broken.html"), Path.of("nothing-here.html"));
        Files.createSymbolicLink(site.resolve("v2/sub/loop"), Path.of(".."));

        SiteScan scan = SiteScanner.scan(site);
        Map<String, String> expected = new TreeMap<>(Map.of(
                "v2/a.html", "a2",
                "v2/sub/b.html", "b2",
                "v2/sub/up.svg", "<svg/>",
                "latest/a.html", "a2",
                "latest/sub/b.html", "b2",
                "latest/sub/up.svg", "<svg/>",
                "logo.svg", "<svg/>",
                "favicon.svg", "<svg/>"));
        assertEquals(expected, contents(scan.manifest(), expected));
        String notes = String.join("\n", scan.notes());
        assertTrue(
                notes.contains("Skipped symbolic link 'secret.txt' -> '" + outside.resolve("secret.txt")
                        + "': it points outside the site directory"),
                notes);
        assertTrue(notes.contains("Skipped symbolic link 'escape' -> '../outside': it points outside"), notes);
        assertTrue(notes.contains("Skipped symbolic link 'via-inside' -> 'secret.txt': it points outside"), notes);
        assertTrue(
                notes.contains("Skipped symbolic link 'broken.html' -> 'nothing-here.html': its target does not exist"),
                notes);
        assertTrue(notes.contains("Skipped symbolic link 'v2/sub/loop' -> '..': it leads back"), notes);
        assertTrue(notes.contains("Skipped symbolic link 'latest/sub/loop' -> '..': it leads back"), notes);
        assertTrue(notes.contains("Followed 4 symbolic link(s)"), notes);
    }

    @Test
    void linksThatPointAtEachOtherEndInsteadOfLooping() throws Exception {
        Path site = site();
        assumeTrue(symlinksWork(temp), "no symbolic links here");
        write(site.resolve("a/x.html"), "x");
        write(site.resolve("b/y.html"), "y");
        Files.createSymbolicLink(site.resolve("a/to-b"), Path.of("../b"));
        Files.createSymbolicLink(site.resolve("b/to-a"), Path.of("../a"));
        Files.createSymbolicLink(site.resolve("self"), Path.of("."));
        SiteScan scan = SiteScanner.scan(site);
        // Each directory once through the other's link; going back into the one the walk came from is a loop.
        assertEquals(
                List.of("a/to-b/y.html", "a/x.html", "b/to-a/x.html", "b/y.html"),
                scan.manifest().entries().stream().map(SiteManifest.Entry::path).toList());
        assertEquals(
                List.of(
                        "Skipped symbolic link 'a/to-b/to-a' -> '../a': it leads back into a directory it is in (a"
                                + " loop).",
                        "Skipped symbolic link 'b/to-a/to-b' -> '../b': it leads back into a directory it is in (a"
                                + " loop).",
                        "Skipped symbolic link 'self' -> '.': it leads back into a directory it is in (a loop).",
                        "Followed 2 symbolic link(s) inside the site directory: a linked file is listed at the link's"
                                + " path as well as its own."),
                scan.notes());
    }

    @Test
    void aSiteDirectoryThatIsALinkIsScannedAtItsTarget() throws Exception {
        assumeTrue(symlinksWork(temp), "no symbolic links here");
        Path real = Files.createDirectories(temp.resolve("build/public"));
        write(real.resolve("index.html"), "home");
        Path link = Files.createSymbolicLink(temp.resolve("public"), Path.of("build/public"));
        SiteScan scan = SiteScanner.scan(link);
        assertEquals(
                List.of("index.html"),
                scan.manifest().entries().stream().map(SiteManifest.Entry::path).toList());
        assertTrue(
                scan.notes().get(0).contains("is a symbolic link; scanning " + real.toRealPath()),
                scan.notes().toString());
    }

    @Test
    void manyNotesOfOneKindAreCounted() throws Exception {
        Path site = site();
        assumeTrue(symlinksWork(temp), "no symbolic links here");
        for (int i = 0; i < SiteScanner.MAX_NOTES_PER_KIND + 5; i++) {
            Files.createSymbolicLink(site.resolve("broken-" + i), Path.of("none-" + i));
        }
        List<String> notes = SiteScanner.scan(site).notes();
        assertEquals(SiteScanner.MAX_NOTES_PER_KIND + 1, notes.size());
        assertEquals("... and 5 more skipped or followed the same way.", notes.get(notes.size() - 1));
    }

    @Test
    void anUnreadableFileFailsTheScanNamingIt() throws Exception {
        Path site = site();
        Path file = site.resolve("private.html");
        write(file, "x");
        assumeTrue(
                file.toFile().setReadable(false, false) && !Files.isReadable(file),
                "cannot make a file unreadable (root?)");
        IOException e = assertThrows(IOException.class, () -> SiteScanner.scan(site, 2));
        assertTrue(
                e.getMessage().contains("Cannot read 'private.html'")
                        && e.getMessage().contains("permission denied"),
                e.getMessage());
    }

    @Test
    void moreFilesThanTheLimitIsOneClearError() throws Exception {
        Path site = site();
        assumeTrue(symlinksWork(temp), "no symbolic links here");
        write(site.resolve("a/1.html"), "1");
        write(site.resolve("a/2.html"), "2");
        Files.createSymbolicLink(site.resolve("b"), Path.of("a"));
        assertEquals(4, SiteScanner.scan(site, 1, 4).manifest().size());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SiteScanner.scan(site, 1, 3));
        assertEquals("siteDirectory", e.field());
        assertTrue(
                e.getMessage().contains("holds more than 3 files (symbolic links to directories included)"),
                e.getMessage());
    }

    @Test
    void anAbortedBuildStopsTheScan() throws Exception {
        Path site = site();
        write(site.resolve("a.html"), "a");
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> SiteScanner.scan(site, 2));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aFifoIsSkippedWithANote() throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "no FIFOs on Windows");
        Path site = site();
        write(site.resolve("index.html"), "home");
        Process p = new ProcessBuilder("mkfifo", "pipe")
                .directory(site.toFile())
                .inheritIO()
                .start();
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        SiteScan scan = SiteScanner.scan(site); // would block forever if it opened the FIFO
        assertEquals(
                List.of("index.html"),
                scan.manifest().entries().stream().map(SiteManifest.Entry::path).toList());
        assertEquals(List.of("Skipped 'pipe': not a regular file (a device, FIFO or socket)."), scan.notes());
    }
}
