package io.jenkins.plugins.cloudflarepurge.engine.planning;

import java.util.List;
import java.util.Objects;

/**
 * One file a deployment changed, as the SCM reports it: a repository-relative path (not yet normalised; the
 * planner does that and explains any refusal) and how it changed.
 */
public record ChangedFile(String path, ChangeKind kind) {

    public ChangedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }

    public static ChangedFile added(String path) {
        return new ChangedFile(path, ChangeKind.ADDED);
    }

    public static ChangedFile modified(String path) {
        return new ChangedFile(path, ChangeKind.MODIFIED);
    }

    public static ChangedFile deleted(String path) {
        return new ChangedFile(path, ChangeKind.DELETED);
    }

    /**
     * A rename or copy: the old path is gone from the site (deleted) and the new one appears (added). Both URLs
     * are purged, the old one so that it stops serving the stale copy. For a copy the "old" path still exists,
     * and purging it too is harmless.
     */
    public static List<ChangedFile> rename(String oldPath, String newPath) {
        return List.of(deleted(oldPath), added(newPath));
    }
}
