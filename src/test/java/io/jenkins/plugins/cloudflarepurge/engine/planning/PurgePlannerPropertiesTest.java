package io.jenkins.plugins.cloudflarepurge.engine.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.PurgeItem;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class PurgePlannerPropertiesTest {

    private final PurgePlanner planner = new PurgePlanner();

    @Provide
    Arbitrary<String> messyPaths() {
        return Texts.messyPath();
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of(Texts.prefixes());
    }

    @Property(tries = 500)
    void noUrlHasARawSpaceOrADoubleSlashOrAnUnencodedCharacter(
            @ForAll @Size(min = 1, max = 8) List<@net.jqwik.api.From("messyPaths") String> paths,
            @ForAll("prefixes") String prefix,
            @ForAll boolean withoutSlash) {
        List<ChangedFile> changes = new ArrayList<>();
        paths.forEach(p -> changes.add(ChangedFile.modified(p)));
        PlannerSettings settings = PlannerSettings.builder()
                .prefixes(prefix)
                .purgeDirectoryWithoutSlash(withoutSlash)
                .maxUrls(1000)
                .build();
        PurgePlan plan = planner.plan(changes, true, settings);
        for (PurgeItem item : plan.scope().orElseThrow().items()) {
            String url = item.value();
            String afterScheme = url.substring(url.indexOf("://") + 3);
            assertFalse(afterScheme.contains("//"), url);
            for (char c : url.toCharArray()) {
                assertTrue(c > 0x20 && c < 0x7F && " \"<>^`{}".indexOf(c) < 0, url);
            }
        }
    }

    @Property(tries = 500)
    void eachUrlDecodesBackToItsPublishedPathUnderItsPrefix(
            @ForAll("messyPaths") String path, @ForAll("prefixes") String prefix) {
        PlannerSettings settings =
                PlannerSettings.builder().prefixes(prefix).indexDocuments("").build();
        PurgePlan plan = planner.plan(List.of(ChangedFile.added(path)), true, settings);
        String root = UrlPrefix.parse(prefix).toString() + "/";
        List<String> urls = plan.explanations().get(0).urls();
        assertEquals(1, urls.size());
        assertTrue(urls.get(0).startsWith(root), urls.get(0));
        assertEquals(
                RepositoryPath.normalize(path),
                UrlPathEncoder.decode(urls.get(0).substring(root.length())));
    }

    @Property(tries = 300)
    void theOrderOfTheChangesDoesNotChangeThePlan(
            @ForAll @Size(max = 10) List<@net.jqwik.api.From("messyPaths") String> paths, @ForAll long seed) {
        PlannerSettings settings = PlannerSettings.builder()
                .prefixes("https://www.example.org", "https://cdn.example.org/s")
                .maxUrls(10_000)
                .build();
        List<ChangedFile> changes = new ArrayList<>();
        paths.forEach(p -> changes.add(ChangedFile.modified(p)));
        PurgePlan plan = planner.plan(changes, true, settings);
        java.util.Collections.shuffle(changes, new java.util.Random(seed));
        assertEquals(plan.scope(), planner.plan(changes, true, settings).scope());
        long distinct =
                plan.scope().map(s -> s.items().stream().distinct().count()).orElse(0L);
        assertEquals(plan.scope().map(s -> (long) s.items().size()).orElse(0L), distinct);
    }
}
