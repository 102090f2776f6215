package io.jenkins.plugins.cloudflarepurge.engine.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteManifestTest {

    static SiteManifest.Entry entry(String path, String content) {
        long h = content.hashCode();
        return new SiteManifest.Entry(path, content.length(), h, ~h);
    }

    private static SiteManifest manifest(SiteManifest.Entry... entries) {
        return SiteManifest.of(Arrays.asList(entries));
    }

    @Test
    void entriesAreSortedByPathWhateverTheOrderGiven() {
        SiteManifest m = manifest(entry("b.html", "b"), entry("a/z.css", "z"), entry("a.html", "a"));
        assertEquals(
                List.of("a.html", "a/z.css", "b.html"),
                m.entries().stream().map(SiteManifest.Entry::path).toList());
        assertEquals(3, m.size());
        assertEquals(3, m.totalBytes());
        assertEquals(entry("a/z.css", "z"), m.find("a/z.css").orElseThrow());
        assertTrue(m.find("missing").isEmpty());
    }

    @Test
    void twoEntriesForOnePathAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> manifest(entry("a", "1"), entry("a", "2")));
    }

    @Test
    void pathsMustBeRelativeAndSlashSeparated() {
        for (String bad : List.of("", "/a", "a/", "a//b", "./a", "a/../b", "..", "a\u0000b", "a\uD800b")) {
            assertThrows(IllegalArgumentException.class, () -> entry(bad, "x"), bad);
        }
        for (String odd : List.of("a b.html", "é/中.html", "a\nb", "...", ".well-known/x", "a\\b", "\uD83D\uDE00")) {
            assertEquals(odd, entry(odd, "x").path());
        }
    }

    @Test
    void changesAreAddedModifiedAndDeletedByContentSortedByPath() {
        SiteManifest before = manifest(
                entry("same.html", "s"), entry("changed.html", "old"), entry("gone.html", "g"), entry("z.css", "z"));
        SiteManifest now = manifest(
                entry("same.html", "s"), entry("changed.html", "new"), entry("new.html", "n"), entry("z.css", "z"));
        assertEquals(
                List.of(
                        ChangedFile.modified("changed.html"),
                        ChangedFile.deleted("gone.html"),
                        ChangedFile.added("new.html")),
                now.changesSince(before));
    }

    @Test
    void aSameSizedFileWithOtherContentIsModified() {
        SiteManifest before = manifest(new SiteManifest.Entry("a", 5, 1, 2));
        assertEquals(
                List.of(ChangedFile.modified("a")),
                manifest(new SiteManifest.Entry("a", 5, 1, 3)).changesSince(before));
        assertEquals(
                List.of(ChangedFile.modified("a")),
                manifest(new SiteManifest.Entry("a", 5, 0, 2)).changesSince(before));
        assertEquals(
                List.of(ChangedFile.modified("a")),
                manifest(new SiteManifest.Entry("a", 6, 1, 2)).changesSince(before));
        assertEquals(List.of(), manifest(new SiteManifest.Entry("a", 5, 1, 2)).changesSince(before));
    }

    @Test
    void withoutABaselineEveryFileIsAdded() {
        SiteManifest now = manifest(entry("b", "b"), entry("a", "a"));
        assertEquals(List.of(ChangedFile.added("a"), ChangedFile.added("b")), now.changesSince(null));
        assertEquals(List.of(), SiteManifest.empty().changesSince(null));
    }

    @Test
    void emptyingTheSiteDeletesEverything() {
        SiteManifest before = manifest(entry("a", "a"), entry("b/c", "c"));
        assertEquals(
                List.of(ChangedFile.deleted("a"), ChangedFile.deleted("b/c")),
                SiteManifest.empty().changesSince(before));
        assertEquals(
                List.of(ChangedFile.added("a"), ChangedFile.added("b/c")), before.changesSince(SiteManifest.empty()));
    }

    @Test
    void theBinaryFormReadsBackEqual() throws IOException {
        SiteManifest m = manifest(
                entry("index.html", "<html>"),
                entry("docs/2024/a b.html", "x"),
                entry("docs/2024/é.html", "y"),
                entry("docs/2025/\uD83D\uDE00.html", "z"),
                new SiteManifest.Entry("big.iso", Long.MAX_VALUE, Long.MIN_VALUE, -1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        byte[] bytes = out.toByteArray();
        assertArrayEquals(bytes, m.toBytes());
        assertEquals('C', bytes[0]);
        assertEquals(SiteManifest.FORMAT_VERSION, bytes[4]);
        SiteManifest back = SiteManifest.readFrom(new ByteArrayInputStream(bytes));
        assertEquals(m, back);
        assertEquals(m.entries(), back.entries());
        assertEquals(
                SiteManifest.empty(),
                SiteManifest.fromBytes(SiteManifest.empty().toBytes()));
    }

    @Test
    void readingStopsAtTheManifestsEnd() throws IOException {
        SiteManifest m = manifest(entry("a", "a"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        out.write(new byte[] {1, 2, 3});
        UnreadableManifestException e = assertThrows(
                UnreadableManifestException.class,
                () -> SiteManifest.readFrom(new ByteArrayInputStream(out.toByteArray())));
        assertTrue(e.getMessage().contains("3 bytes after its end"), e.getMessage());
    }

    @Test
    void aFileThatIsNoManifestIsRefusedClearly() {
        assertMessage("not a site manifest", new byte[0]);
        assertMessage("not a site manifest", "<?xml version='1.1'?>".getBytes());
        assertMessage("no format version", new byte[] {'C', 'F', 'S', 'M'});
        byte[] newer = SiteManifest.empty().toBytes();
        newer[4] = 2;
        assertMessage("format version 2", newer);
    }

    @Test
    void everyTruncationAndEveryFlippedByteIsRefusedNeverMisread() throws IOException {
        List<SiteManifest.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            entries.add(entry("dir" + (i % 7) + "/page-" + i + ".html", "content " + i));
        }
        SiteManifest m = SiteManifest.of(entries);
        byte[] bytes = m.toBytes();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(UnreadableManifestException.class, () -> SiteManifest.fromBytes(cut), "cut at " + length);
        }
        for (int i = 0; i < bytes.length; i++) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= 0x5A;
            try {
                // zlib's Adler-32 catches what the structure checks do not
                SiteManifest read = SiteManifest.fromBytes(damaged);
                throw new AssertionError("byte " + i + " flipped, read " + read);
            } catch (UnreadableManifestException expected) {
                assertTrue(expected.getMessage().startsWith("site manifest")
                        || expected.getMessage().startsWith("not a"));
            }
        }
    }

    @Test
    void javaSerialisationCarriesTheCompactForm() throws Exception {
        List<SiteManifest.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            entries.add(entry("posts/2024/post-" + i + "/index.html", "post " + i));
        }
        SiteManifest m = SiteManifest.of(entries);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(new SiteScan(m, List.of("a note")));
        }
        assertTrue(out.size() < m.toBytes().length + 600, "serialised " + out.size() + " bytes");
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            SiteScan back = (SiteScan) ois.readObject();
            assertEquals(m, back.manifest());
            assertEquals(List.of("a note"), back.notes());
        }
    }

    @Test
    void aDamagedSerialisedFormIsRefused() throws Exception {
        SiteManifest m = manifest(entry("abcdefgh", "x"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(m);
        }
        byte[] bytes = out.toByteArray();
        byte[] binary = m.toBytes();
        int at = indexOf(bytes, binary);
        bytes[at + binary.length - 2] ^= 1; // inside the zlib checksum
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            assertThrows(InvalidObjectException.class, ois::readObject);
        }
    }

    @Test
    void theStoredFileIsNamedAfterTheZone() {
        assertEquals(
                "cloudflare-purge-site-023e105f4ecef8ad9ca31a8372d0c353.bin",
                SiteManifest.fileName("023e105f4ecef8ad9ca31a8372d0c353"));
        for (String bad : List.of("", "../x", "a/b", "a b", "zone.bin")) {
            assertThrows(IllegalArgumentException.class, () -> SiteManifest.fileName(bad), bad);
        }
    }

    private static void assertMessage(String expected, byte[] bytes) {
        UnreadableManifestException e =
                assertThrows(UnreadableManifestException.class, () -> SiteManifest.fromBytes(bytes));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
