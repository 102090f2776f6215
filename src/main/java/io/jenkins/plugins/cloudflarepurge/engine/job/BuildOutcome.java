package io.jenkins.plugins.cloudflarepurge.engine.job;

/** What a purge does to the build's result; the glue maps it to {@code hudson.model.Result}. */
public enum BuildOutcome {
    /** The build result is left as it is. */
    SUCCESS,
    /** The build is marked unstable. */
    UNSTABLE,
    /** The build fails. */
    FAILURE,
    /** The build was aborted while purging; it stays aborted. */
    ABORTED
}
