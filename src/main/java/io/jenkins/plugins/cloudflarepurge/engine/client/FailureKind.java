package io.jenkins.plugins.cloudflarepurge.engine.client;

/**
 * What went wrong with a request, in the terms that decide what happens next: retry it, split it, give up on
 * its items, or give up on the whole purge.
 */
public enum FailureKind {
    /** Code 10000 or HTTP 401/403: the token is invalid, expired, or may not purge this zone. */
    AUTHENTICATION(false, true),
    /** Codes 6003/6103/6111: headers of the Global API Key scheme, or a malformed Authorization header. */
    WRONG_CREDENTIAL_TYPE(false, true),
    /** Codes 7003/1095: the zone ID does not name a zone this token can reach. */
    ZONE_NOT_FOUND(false, true),
    /** Code 1094 or a "too many" rejection: the request held more items than the plan allows. */
    TOO_MANY_ITEMS(false, false),
    /** Codes 1012/1014/1092: Cloudflare could not read the request. A defect of this plugin. */
    MALFORMED_REQUEST(false, true),
    /** Codes 1100/1114 and similar: an item Cloudflare will not take (too long, wrong form). */
    ITEM_REJECTED(false, false),
    /** HTTP 429 or code 971: over the account's rate limit. */
    RATE_LIMITED(true, false),
    /** HTTP 5xx: Cloudflare's side failed. */
    SERVER_ERROR(true, false),
    /** No answer within the request timeout. */
    TIMEOUT(true, false),
    /** The connection could not be made or broke. */
    CONNECTION(true, false),
    /**
     * Any other HTTP 4xx without an error code (400, 404, 422, …), or with a body that is not Cloudflare's: the
     * request is wrong for this API (a wrong base URL, a proxy in the way), and sending it again gives the same.
     */
    CLIENT_ERROR(false, false),
    /** A 2xx answer that is not Cloudflare's JSON, is truncated, or says failure without saying why. */
    BAD_RESPONSE(true, false),
    /** A Cloudflare error code this plugin does not know; Cloudflare's message is kept. */
    UNKNOWN(false, false);

    private final boolean retryable;
    private final boolean abortsPurge;

    FailureKind(boolean retryable, boolean abortsPurge) {
        this.retryable = retryable;
        this.abortsPurge = abortsPurge;
    }

    /** Whether the same request may succeed later. Purges are idempotent, so a retry never does harm. */
    public boolean retryable() {
        return retryable;
    }

    /** Whether every other request of the purge would fail the same way, so that sending them is pointless. */
    public boolean abortsPurge() {
        return abortsPurge;
    }
}
