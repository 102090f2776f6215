package io.jenkins.plugins.cloudflarepurge.engine.client;

/**
 * A value that must not be sent to Cloudflare, found before any request. The message names the field, the
 * value (never a secret) and how to fix it.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The setting or argument at fault, as a person knows it ("zone ID", "URL"). */
    public String field() {
        return field;
    }
}
