package io.jenkins.plugins.cloudflarepurge.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangeKind;
import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScmChangesTest {

    @ParameterizedTest
    @CsvSource({"add,ADDED", "edit,MODIFIED", "delete,DELETED", "rename,MODIFIED", "ADD,MODIFIED", "'',MODIFIED"})
    void mapsEditTypeNames(String editType, ChangeKind expected) {
        assertEquals(expected, ScmChanges.kindOf(editType));
    }

    @Test
    void aMissingEditTypeIsAModification() {
        assertEquals(ChangeKind.MODIFIED, ScmChanges.kindOf(null));
        assertEquals(
                List.of(ChangedFile.modified("a.css")),
                new ScmChanges().addPath("a.css").files());
    }

    @Test
    void aNewRunHasNoChangesetUntilMarkedOrGivenAFile() {
        assertFalse(new ScmChanges().hasChangeset());
        assertTrue(new ScmChanges().markChangeset().hasChangeset());
        assertTrue(new ScmChanges().markChangeset().files().isEmpty());
        assertTrue(new ScmChanges().add("a.css", "edit").hasChangeset());
    }

    @Test
    void keepsTheFirstReportOfAPathInOrderAndSkipsBlankPaths() {
        ScmChanges changes = new ScmChanges()
                .add("b.css", "add")
                .add("a.css", "edit")
                .add("b.css", "delete")
                .add("  ", "add")
                .add(null, "add")
                .addPath("c.js");
        assertEquals(
                List.of(ChangedFile.added("b.css"), ChangedFile.modified("a.css"), ChangedFile.modified("c.js")),
                changes.files());
    }
}
