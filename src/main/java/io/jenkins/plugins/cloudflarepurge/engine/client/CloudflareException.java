package io.jenkins.plugins.cloudflarepurge.engine.client;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request that did not succeed, as a value: the HTTP status (0 if no answer came), Cloudflare's error codes
 * and messages, whether a retry may help, how long Cloudflare asked us to wait, and one sentence that tells a
 * person what to do ({@link #getMessage()}). It never contains the token.
 */
public final class CloudflareException extends Exception {

    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    private final int httpStatus;
    private final List<ApiError> errors;

    @CheckForNull
    private final Duration retryAfter;

    public CloudflareException(
            FailureKind kind, int httpStatus, List<ApiError> errors, @CheckForNull Duration retryAfter, String advice) {
        super(advice);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    public FailureKind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no answer arrived (timeout, connection failure). */
    public int httpStatus() {
        return httpStatus;
    }

    public List<ApiError> errors() {
        return errors;
    }

    public boolean retryable() {
        return kind.retryable();
    }

    /** The wait Cloudflare asked for ({@code Retry-After}, or the {@code Ratelimit} reset), if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return "CloudflareException[" + kind + ", HTTP " + httpStatus + ", " + errors + "]: " + getMessage();
    }
}
