package io.jenkins.plugins.cloudflarepurge.engine.planning;

/**
 * How a deployment changed a file. All three are purged: a deleted file's old URL must stop being served from
 * cache as much as a modified file's.
 */
public enum ChangeKind {
    ADDED('A'),
    MODIFIED('M'),
    DELETED('D');

    private final char letter;

    ChangeKind(char letter) {
        this.letter = letter;
    }

    /** The letter git uses for this kind, for compact console lines. */
    public char letter() {
        return letter;
    }
}
