package io.jenkins.plugins.cloudflarepurge.engine.job;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.execution.Verdict;
import java.util.Locale;

/**
 * What an incomplete purge does to the build. {@link #FAIL} is the default: a purge that did not happen leaves
 * the old pages in Cloudflare's cache next to the new deployment, which a green build would hide; and because the
 * next run purges every change since the last successful purge, running the job again repairs it.
 *
 * <p>The policy covers what Cloudflare did (a purge that failed in part or in whole). A job that is configured
 * wrongly (a bad zone ID, a missing credential) always fails, whatever the policy: it would otherwise never purge
 * and nobody would notice.
 */
public enum FailurePolicy {
    /** The build fails. */
    FAIL,
    /** The build is marked unstable and goes on. */
    UNSTABLE,
    /** A warning in the console only; the build result is left as it is. */
    WARN;

    public static final FailurePolicy DEFAULT = FAIL;

    /** The value as written in a Pipeline script: {@code fail}, {@code unstable} or {@code warn}. */
    public String argument() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param argument the argument's name, for the message
     * @param value {@code fail}, {@code unstable} or {@code warn} in any case; blank or null for the default
     * @throws InvalidInputException naming the argument and the values it takes
     */
    public static FailurePolicy parse(String argument, @CheckForNull String value) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            return DEFAULT;
        }
        for (FailurePolicy policy : values()) {
            if (policy.name().equalsIgnoreCase(text)) {
                return policy;
            }
        }
        throw new InvalidInputException(
                argument, argument + " '" + text + "' is not a failure policy: use 'fail', 'unstable' or 'warn'");
    }

    /** What a purge with this verdict does to the build. */
    public BuildOutcome outcome(Verdict verdict) {
        return switch (verdict) {
            case SUCCESS -> BuildOutcome.SUCCESS;
            case CANCELLED -> BuildOutcome.ABORTED;
            case PARTIAL, FAILED ->
                switch (this) {
                    case FAIL -> BuildOutcome.FAILURE;
                    case UNSTABLE -> BuildOutcome.UNSTABLE;
                    case WARN -> BuildOutcome.SUCCESS;
                };
        };
    }

    /**
     * The console line that says what the policy did with an incomplete purge, or null when there is nothing to
     * say (the purge succeeded, or the build was aborted anyway).
     */
    @CheckForNull
    public String consoleLine(Verdict verdict) {
        return consoleLine(verdict, false);
    }

    /**
     * @param onlyRefusedLeft whether all that was left are changed files the planner refused: the next run includes
     *     these changes again but refuses the same files, so the usual "fix it and run again" does not help
     */
    @CheckForNull
    public String consoleLine(Verdict verdict, boolean onlyRefusedLeft) {
        if (verdict == Verdict.SUCCESS || verdict == Verdict.CANCELLED) {
            return null;
        }
        String what = verdict == Verdict.PARTIAL ? "The purge was incomplete" : "The purge failed";
        String next = onlyRefusedLeft
                ? "later runs include these changes again and refuse the same files: purge their pages with 'paths',"
                        + " and purge everything once (purgeEverything: true) to start afresh."
                : "the next run purges these changes again.";
        return switch (this) {
            case FAIL ->
                what + ": failing the build (onFailure: 'fail'). "
                        + (onlyRefusedLeft ? capitalized(next) : "Once the cause is fixed, " + next);
            case UNSTABLE -> what + ": marking the build unstable (onFailure: 'unstable'). " + capitalized(next);
            case WARN ->
                "Warning: " + Character.toLowerCase(what.charAt(0)) + what.substring(1)
                        + "; the build result is left as it is (onFailure: 'warn'). " + capitalized(next);
        };
    }

    private static String capitalized(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
