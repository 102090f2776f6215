package io.jenkins.plugins.cloudflarepurge.engine.planning;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why one changed file (or one path asked for explicitly) did or did not produce URLs: what a dry run prints, so
 * that a person can see why a page was or was not purged.
 */
public final class FileExplanation {

    /** What the planner decided for the file. */
    public enum Outcome {
        /** The file is published; its URLs are listed. */
        PUBLISHED,
        /** The file is not under the source root, so the site does not serve it. */
        OUTSIDE_SOURCE_ROOT,
        /** An exclude pattern matches the file; excludes win over includes. */
        EXCLUDED,
        /** Includes are set and none matches the file. */
        NOT_INCLUDED,
        /** The path is unusable (a {@code ..} segment, a control character, …). */
        REFUSED
    }

    private final String path;

    @CheckForNull
    private final ChangeKind kind;

    private final Outcome outcome;
    private final List<String> urls;

    @CheckForNull
    private final String reason;

    private FileExplanation(
            String path,
            @CheckForNull ChangeKind kind,
            Outcome outcome,
            List<String> urls,
            @CheckForNull String reason) {
        this.path = path;
        this.kind = kind;
        this.outcome = outcome;
        this.urls = urls;
        this.reason = reason;
    }

    static FileExplanation published(String path, @CheckForNull ChangeKind kind, List<String> urls) {
        return new FileExplanation(path, kind, Outcome.PUBLISHED, urls, null);
    }

    static FileExplanation skipped(String path, @CheckForNull ChangeKind kind, Outcome outcome, String reason) {
        if (outcome == Outcome.PUBLISHED) {
            throw new IllegalArgumentException("a skipped file needs a skip outcome");
        }
        return new FileExplanation(path, kind, outcome, List.of(), reason);
    }

    /** The path as it was given, before normalisation. */
    public String path() {
        return path;
    }

    /** How the file changed; empty for a path asked for explicitly. */
    public Optional<ChangeKind> kind() {
        return Optional.ofNullable(kind);
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean isPublished() {
        return outcome == Outcome.PUBLISHED;
    }

    /** The URLs the file produced (without cache-key variants), empty when skipped. */
    public List<String> urls() {
        return urls;
    }

    /** Why the file was skipped; empty when it is published. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    /**
     * One console line: {@code M public/css/site.css -> https://…}, {@code M README.md: skipped, …} or
     * {@code M a/../b: not purged. Refused path …}.
     */
    public String describe() {
        String head = (kind == null ? "" : kind.letter() + " ") + RepositoryPath.printable(path);
        if (outcome == Outcome.PUBLISHED) {
            return head + " -> " + (urls.isEmpty() ? "(no URL)" : String.join(", ", urls));
        }
        if (outcome == Outcome.REFUSED) {
            return head + ": not purged. " + reason;
        }
        return head + ": skipped, " + reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileExplanation other
                && path.equals(other.path)
                && kind == other.kind
                && outcome == other.outcome
                && urls.equals(other.urls)
                && Objects.equals(reason, other.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, kind, outcome, urls, reason);
    }

    @Override
    public String toString() {
        return describe();
    }
}
