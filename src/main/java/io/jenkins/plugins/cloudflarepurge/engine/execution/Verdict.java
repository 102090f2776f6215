package io.jenkins.plugins.cloudflarepurge.engine.execution;

/** The one-word outcome of a purge. Only {@link #SUCCESS} means that every item was purged. */
public enum Verdict {
    /** Every item was purged (or there was nothing to purge). */
    SUCCESS,
    /** Some items were purged, some not. */
    PARTIAL,
    /** Nothing was purged. */
    FAILED,
    /** The build was aborted while purging; what was and was not purged is in the result. */
    CANCELLED
}
