package io.jenkins.plugins.cloudflarepurge.engine.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangeKind;
import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changed files of one run, collected the way Jenkins SCMs report them: per commit, a file with an edit type
 * ({@code add}, {@code edit}, {@code delete}: the names of {@code hudson.scm.EditType}), or only a path when the
 * SCM cannot say more. A file changed by several commits counts once; its first report wins.
 */
public final class ScmChanges {

    private final Map<String, ChangedFile> files = new LinkedHashMap<>();
    private boolean changeset;

    /** Records that the run has a changeset (an SCM checkout), even one without files. */
    public ScmChanges markChangeset() {
        changeset = true;
        return this;
    }

    /** Whether the run has a changeset: false before the first checkout of a run, or without any SCM. */
    public boolean hasChangeset() {
        return changeset;
    }

    /**
     * A file with an SCM edit type.
     *
     * @param editType {@code add}, {@code edit} or {@code delete}; anything else (or null) counts as a modification
     */
    public ScmChanges add(@CheckForNull String path, @CheckForNull String editType) {
        changeset = true;
        if (path != null && !path.isBlank()) {
            files.putIfAbsent(path, new ChangedFile(path, kindOf(editType)));
        }
        return this;
    }

    /** A path from {@code getAffectedPaths()}, for SCMs that do not implement {@code getAffectedFiles()}. */
    public ScmChanges addPath(@CheckForNull String path) {
        return add(path, null);
    }

    /** The files in the order first reported. */
    public List<ChangedFile> files() {
        return new ArrayList<>(files.values());
    }

    /** The change kind of an {@code hudson.scm.EditType} name. */
    public static ChangeKind kindOf(@CheckForNull String editType) {
        if (editType == null) {
            return ChangeKind.MODIFIED;
        }
        return switch (editType) {
            case "add" -> ChangeKind.ADDED;
            case "delete" -> ChangeKind.DELETED;
            default -> ChangeKind.MODIFIED;
        };
    }
}
