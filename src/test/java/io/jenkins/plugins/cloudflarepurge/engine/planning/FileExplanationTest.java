package io.jenkins.plugins.cloudflarepurge.engine.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileExplanationTest {

    static final FileExplanation PUBLISHED =
            FileExplanation.published("a.css", ChangeKind.MODIFIED, List.of("https://x.org/a.css"));

    @Test
    void twoExplanationsAreEqualWhenEveryPartIs() {
        FileExplanation same = FileExplanation.published("a.css", ChangeKind.MODIFIED, List.of("https://x.org/a.css"));
        assertEquals(PUBLISHED, same);
        assertEquals(PUBLISHED.hashCode(), same.hashCode());
        assertNotEquals(
                PUBLISHED, FileExplanation.published("b.css", ChangeKind.MODIFIED, List.of("https://x.org/a.css")));
        assertNotEquals(
                PUBLISHED, FileExplanation.published("a.css", ChangeKind.ADDED, List.of("https://x.org/a.css")));
        assertNotEquals(
                PUBLISHED, FileExplanation.published("a.css", ChangeKind.MODIFIED, List.of("https://y.org/a.css")));
        assertNotEquals(
                FileExplanation.skipped("a.css", null, FileExplanation.Outcome.EXCLUDED, "excluded by 'a'"),
                FileExplanation.skipped("a.css", null, FileExplanation.Outcome.NOT_INCLUDED, "excluded by 'a'"));
        assertNotEquals(
                FileExplanation.skipped("a.css", null, FileExplanation.Outcome.EXCLUDED, "excluded by 'a'"),
                FileExplanation.skipped("a.css", null, FileExplanation.Outcome.EXCLUDED, "excluded by 'b'"));
        assertNotEquals(PUBLISHED, "a.css");
    }

    @Test
    void itsPartsAndLineSayWhatWasDecided() {
        assertEquals("a.css", PUBLISHED.path());
        assertEquals(Optional.of(ChangeKind.MODIFIED), PUBLISHED.kind());
        assertEquals(Optional.empty(), PUBLISHED.reason());
        assertEquals("M a.css -> https://x.org/a.css", PUBLISHED.toString());
        FileExplanation explicit = FileExplanation.published("/x", null, List.of());
        assertEquals(Optional.empty(), explicit.kind());
        assertEquals("/x -> (no URL)", explicit.describe());
        FileExplanation excluded = FileExplanation.skipped(
                "a.map", ChangeKind.DELETED, FileExplanation.Outcome.EXCLUDED, "excluded by '*.map'");
        assertEquals("D a.map: skipped, excluded by '*.map'", excluded.describe());
        assertEquals(Optional.of("excluded by '*.map'"), excluded.reason());
    }

    @Test
    void aSkippedFileNeedsASkipOutcome() {
        assertThrows(
                IllegalArgumentException.class,
                () -> FileExplanation.skipped("a", null, FileExplanation.Outcome.PUBLISHED, "why"));
    }
}
