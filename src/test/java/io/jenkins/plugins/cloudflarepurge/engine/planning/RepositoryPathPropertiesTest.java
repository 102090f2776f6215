package io.jenkins.plugins.cloudflarepurge.engine.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RepositoryPathPropertiesTest {

    @Provide
    Arbitrary<String> messyPaths() {
        return Texts.messyPath();
    }

    @Provide
    Arbitrary<String> normalizedPaths() {
        return Texts.normalizedPath();
    }

    @Property(tries = 2000)
    void normalisingIsIdempotent(@ForAll("messyPaths") String raw) {
        String once = RepositoryPath.normalize(raw);
        assertEquals(once, RepositoryPath.normalize(once));
    }

    @Property(tries = 2000)
    void theResultHasOneSpelling(@ForAll("messyPaths") String raw) {
        String path = RepositoryPath.normalize(raw);
        assertFalse(path.startsWith("/") || path.endsWith("/") || path.contains("//") || path.contains("\\"), path);
        for (String segment : path.split("/")) {
            assertFalse(segment.equals(".") || segment.equals(".."), path);
        }
    }

    @Property(tries = 2000)
    void anyMessySpellingOfAPathNormalisesToIt(@ForAll("normalizedPaths") String path) {
        assertEquals(path, RepositoryPath.normalize(path));
        assertEquals(path, RepositoryPath.normalize("./" + path.replace('/', '\\')));
        assertEquals(path, RepositoryPath.normalize("/" + path.replace("/", "//") + "/"));
    }
}
