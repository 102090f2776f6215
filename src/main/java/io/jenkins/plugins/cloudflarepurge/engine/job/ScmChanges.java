package io.jenkins.plugins.cloudflarepurge.engine.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangeKind;
import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The changed files of one run, collected the way Jenkins SCMs report them: per commit, a file with an edit type
 * ({@code add}, {@code edit}, {@code delete}: the names of {@code hudson.scm.EditType}), or only a path when the
 * SCM cannot say more. A file changed by several commits counts once; its first report wins.
 */
public final class ScmChanges {

    private final Map<String, ChangedFile> files = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private boolean changeset;

    @CheckForNull
    private String incomplete;

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

    /**
     * Records that the run's changes cannot be read in full (so a purge of them would miss some), and why: the
     * history then applies the no-changeset fallback.
     */
    public ScmChanges incomplete(String reason) {
        changeset = true;
        incomplete = reason;
        return this;
    }

    /** Why the changes are not complete; empty when they are. */
    public Optional<String> incompleteReason() {
        return Optional.ofNullable(incomplete);
    }

    /** Adds a console line about how the changes were read (which repositories, what was left out). */
    public ScmChanges note(String line) {
        notes.add(line);
        return this;
    }

    /** The console lines about how the changes were read. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Whether a repository filter names the repository of an SCM, given its key ({@code hudson.scm.SCM#getKey()},
     * such as {@code git https://github.com/acme/site.git}). The filter matches the whole key, one of its
     * space-separated words (a remote URL), or the end of a URL after a {@code /} ({@code acme/site}); case, a
     * trailing {@code /} and a trailing {@code .git} are ignored.
     */
    public static boolean repositoryMatches(String filter, String scmKey) {
        String wanted = normalisedRepository(filter);
        if (wanted.isEmpty()) {
            return false;
        }
        if (wanted.equals(normalisedRepository(scmKey))) {
            return true;
        }
        for (String word : scmKey.strip().split("\\s+")) {
            String w = normalisedRepository(word);
            if (w.equals(wanted) || w.endsWith("/" + wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String normalisedRepository(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith(".git")) {
            s = s.substring(0, s.length() - 4);
        }
        return s;
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
