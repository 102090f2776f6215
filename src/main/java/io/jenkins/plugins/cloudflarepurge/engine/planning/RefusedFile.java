package io.jenkins.plugins.cloudflarepurge.engine.planning;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Optional;

/**
 * A changed file the planner could not turn into a URL (a {@code ..} segment, a control character, a name that is
 * not Unicode): it changed, so its page may be stale, and nothing will purge it.
 *
 * @param path the path as the SCM reported it
 * @param reason one sentence naming the path and why it was refused
 */
public record RefusedFile(String path, @CheckForNull ChangeKind kind, String reason) {

    /** How the file changed. */
    public Optional<ChangeKind> changeKind() {
        return Optional.ofNullable(kind);
    }

    /** The path with control characters made visible, for the console and the build page. */
    public String printablePath() {
        return RepositoryPath.printable(path);
    }
}
