package io.jenkins.plugins.cloudflarepurge.engine.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

class SiteManifestPropertiesTest {

    /** Few distinct segments, so that two manifests share paths, and characters of one to four UTF-8 bytes. */
    static Arbitrary<String> paths() {
        Arbitrary<String> segment =
                Arbitraries.of("a", "b", "index.html", "é", "中", "\uD83D\uDE00", "a b", "%", "z.css");
        return segment.list().ofMinSize(1).ofMaxSize(4).map(s -> String.join("/", s));
    }

    /** Path to (size, hash): few distinct contents, so that equal content under a changed path happens. */
    @Provide
    Arbitrary<Map<String, SiteManifest.Entry>> sites() {
        Arbitrary<SiteManifest.Entry> entry = Combinators.combine(
                        paths(),
                        Arbitraries.longs().between(0, 3),
                        Arbitraries.longs().between(0, 2))
                .as((path, size, hash) -> new SiteManifest.Entry(path, size, hash, -hash));
        return entry.list().ofMaxSize(40).map(entries -> {
            Map<String, SiteManifest.Entry> byPath = new TreeMap<>();
            entries.forEach(e -> byPath.putIfAbsent(e.path(), e));
            return byPath;
        });
    }

    @Property(tries = 1000)
    void changesAreWhatAStraightforwardComparisonFinds(
            @ForAll("sites") Map<String, SiteManifest.Entry> before,
            @ForAll("sites") Map<String, SiteManifest.Entry> now) {
        List<ChangedFile> expected = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(Comparator.naturalOrder());
        all.addAll(before.keySet());
        all.addAll(now.keySet());
        for (String path : all) {
            SiteManifest.Entry was = before.get(path);
            SiteManifest.Entry is = now.get(path);
            if (was == null) {
                expected.add(ChangedFile.added(path));
            } else if (is == null) {
                expected.add(ChangedFile.deleted(path));
            } else if (was.size() != is.size() || !was.hash().equals(is.hash())) {
                expected.add(ChangedFile.modified(path));
            }
        }
        SiteManifest b = SiteManifest.of(before.values());
        SiteManifest n = SiteManifest.of(now.values());
        assertEquals(expected, n.changesSince(b));
        assertEquals(List.of(), n.changesSince(n));
    }

    @Property(tries = 1000)
    void theBinaryAndTheSerialisedFormReadBackEqual(@ForAll("sites") Map<String, SiteManifest.Entry> site)
            throws Exception {
        SiteManifest m = SiteManifest.of(site.values());
        assertEquals(m, SiteManifest.fromBytes(m.toBytes()));
        assertEquals(
                List.copyOf(site.values()), SiteManifest.fromBytes(m.toBytes()).entries());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(out)) {
            oos.writeObject(m);
        }
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            assertEquals(m, ois.readObject());
        }
    }

    @Property(tries = 500)
    void theOrderOfTheEntriesGivenDoesNotMatter(
            @ForAll("sites") Map<String, SiteManifest.Entry> site, @ForAll long seed) {
        List<SiteManifest.Entry> shuffled = new ArrayList<>(site.values());
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(SiteManifest.of(site.values()), SiteManifest.of(shuffled));
        assertEquals(
                SiteManifest.of(site.values()).toBytes().length,
                SiteManifest.of(shuffled).toBytes().length);
    }

    private final List<Path> temporary = new ArrayList<>();

    @AfterProperty
    void deleteTemporary() throws IOException {
        for (Path dir : temporary) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        temporary.clear();
    }

    @Provide
    Arbitrary<Map<String, String>> trees() {
        Arbitrary<String> segment = Arbitraries.of("a", "b", "c.html", "d e", "é", "f.css");
        Arbitrary<String> path = segment.list().ofMinSize(1).ofMaxSize(3).map(s -> String.join("/", s));
        return Arbitraries.maps(path, Arbitraries.of("", "x", "y", "xy"))
                .ofMaxSize(12)
                .map(files -> {
                    // a path cannot be both a file and a directory
                    Map<String, String> tree = new TreeMap<>();
                    files.forEach((p, c) -> {
                        boolean clash =
                                tree.keySet().stream().anyMatch(q -> q.startsWith(p + "/") || p.startsWith(q + "/"));
                        if (!clash) {
                            tree.put(p, c);
                        }
                    });
                    return tree;
                });
    }

    @Property(tries = 60)
    void aScanDependsOnTheFilesNotOnTheOrderTheyWereWrittenOrTheThreads(
            @ForAll("trees") Map<String, String> files, @ForAll long seed) throws Exception {
        SiteManifest expected = SiteManifest.of(files.entrySet().stream()
                .map(f -> new SiteManifest.Entry(f.getKey(), f.getValue().length(), 0, 0))
                .toList());
        List<SiteManifest> scans = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            Path dir = Files.createTempDirectory("site-scan-property");
            temporary.add(dir);
            List<Map.Entry<String, String>> order = new ArrayList<>(files.entrySet());
            Collections.shuffle(order, new Random(seed + round));
            for (Map.Entry<String, String> f : order) {
                Path file = dir.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue());
            }
            scans.add(SiteScanner.scan(dir, round + 1).manifest());
        }
        assertEquals(scans.get(0), scans.get(1));
        assertEquals(
                expected.entries().stream().map(e -> e.path() + ":" + e.size()).toList(),
                scans.get(0).entries().stream()
                        .map(e -> e.path() + ":" + e.size())
                        .toList());
    }
}
