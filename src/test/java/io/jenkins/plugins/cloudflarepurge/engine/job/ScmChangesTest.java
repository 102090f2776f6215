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

    @Test
    void aRepositoryFilterMatchesTheKeyOrOneOfItsRemoteUrls() {
        String key = "git https://github.com/acme/site.git https://mirror.example.org/acme/site";
        assertTrue(ScmChanges.repositoryMatches(key, key));
        assertTrue(ScmChanges.repositoryMatches("https://github.com/acme/site.git", key));
        assertTrue(ScmChanges.repositoryMatches("https://GitHub.com/acme/site/", key));
        assertTrue(ScmChanges.repositoryMatches("https://mirror.example.org/acme/site.git", key));
        assertTrue(ScmChanges.repositoryMatches("acme/site", key));
        assertTrue(ScmChanges.repositoryMatches("site", key));
        assertFalse(ScmChanges.repositoryMatches("acme/tools", key));
        assertFalse(ScmChanges.repositoryMatches("ite", key), "only whole path segments match");
        assertFalse(ScmChanges.repositoryMatches("github.com/acme", key), "the end of a URL, not its middle");
        assertFalse(ScmChanges.repositoryMatches("  ", key));
    }

    @Test
    void notesAreKeptInOrder() {
        ScmChanges changes = new ScmChanges().note("one").note("two");
        assertEquals(List.of("one", "two"), changes.notes());
    }
}
