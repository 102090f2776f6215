package io.jenkins.plugins.cloudflarepurge.engine.client;

/**
 * One entry of the {@code errors} array of a Cloudflare answer.
 *
 * @param code Cloudflare's error code, 0 where none was given
 * @param message Cloudflare's own words
 */
public record ApiError(int code, String message) {

    @Override
    public String toString() {
        return code + " " + message;
    }
}
