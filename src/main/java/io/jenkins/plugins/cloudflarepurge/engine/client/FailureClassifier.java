package io.jenkins.plugins.cloudflarepurge.engine.client;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a Cloudflare answer that is not a success into a {@link CloudflareException} whose message tells a
 * person what to do. The advice depends on what the request was for (a purge, a token verification, a zone
 * lookup): the same error code means different things to each. Known codes get advice of their own; unknown
 * codes keep Cloudflare's words.
 *
 * <p>What may be retried: no answer at all, HTTP 429, HTTP 5xx, Cloudflare's rate-limit codes, and a 2xx answer
 * that is not Cloudflare's JSON (a truncated answer). A redirect or any other 4xx is the request's fault: sent
 * again, it fails again.
 */
final class FailureClassifier {

    private static final Set<Integer> AUTHENTICATION = Set.of(10000, 1000, 9109);
    private static final Set<Integer> WRONG_CREDENTIAL_TYPE = Set.of(6003, 6103, 6111);
    private static final Set<Integer> ZONE = Set.of(7003, 1095, 7000);
    private static final Set<Integer> TOO_MANY = Set.of(1094);
    private static final Set<Integer> MALFORMED = Set.of(1012, 1014, 1092);
    private static final Set<Integer> ITEM_REJECTED = Set.of(1100, 1114);
    private static final Set<Integer> RATE_LIMITED = Set.of(971, 10429);

    /** What a request was for; each reads an error its own way. */
    enum Operation {
        /** {@code POST /zones/{id}/purge_cache}; the executor retries what may succeed later. */
        PURGE,
        /** {@code GET /user/tokens/verify}; asked once, by a person. */
        TOKEN_VERIFICATION,
        /** {@code GET /zones?name=}; asked once, by a person. */
        ZONE_LOOKUP,
        /** {@code GET /zones/{id}}; asked once per purge, to learn the plan. */
        ZONE_READ
    }

    private final Operation operation;
    private final String subject;
    /** Whether the executor retries what may pass: a build's purge; a one-shot purge (Test connection) is not. */
    private final boolean retried;

    /**
     * @param subject how advice names what the request was about: "zone 0123…" or "the zone named example.com";
     *     an ID or a name, never a secret
     */
    private FailureClassifier(Operation operation, String subject) {
        this(operation, subject, false);
    }

    private FailureClassifier(Operation operation, String subject, boolean retried) {
        this.operation = operation;
        this.subject = subject;
        this.retried = retried;
    }

    /** A build's purge request, which the executor retries when it may pass. */
    static FailureClassifier purge(String zoneId) {
        return new FailureClassifier(Operation.PURGE, "zone " + zoneId, true);
    }

    /** A purge request sent once, such as Test connection's: nothing retries it. */
    static FailureClassifier oneShotPurge(String zoneId) {
        return new FailureClassifier(Operation.PURGE, "zone " + zoneId, false);
    }

    static FailureClassifier tokenVerification() {
        return new FailureClassifier(Operation.TOKEN_VERIFICATION, "the token");
    }

    static FailureClassifier zoneLookup(String zoneName) {
        return new FailureClassifier(Operation.ZONE_LOOKUP, "the zone named " + zoneName);
    }

    static FailureClassifier zoneRead(String zoneId) {
        return new FailureClassifier(Operation.ZONE_READ, "zone " + zoneId);
    }

    /** The request's name in a sentence: "the purge request", "the token verification", … */
    String request() {
        return switch (operation) {
            case PURGE -> "the purge request";
            case TOKEN_VERIFICATION -> "the token verification";
            case ZONE_LOOKUP -> "the lookup of " + subject;
            case ZONE_READ -> "the request for " + subject;
        };
    }

    /**
     * How a sentence about a failure that may pass ends: a build's purge is retried by the executor; anything else
     * was asked for by a person, who can ask again.
     */
    String whatNext() {
        return retried ? "; the request is retried." : "; try again in a few minutes.";
    }

    /** The permission the request needs, as the Cloudflare dashboard names it. */
    private String permission() {
        return switch (operation) {
            case PURGE, TOKEN_VERIFICATION -> "Zone > Cache Purge > Purge";
            case ZONE_LOOKUP, ZONE_READ -> "Zone > Zone > Read";
        };
    }

    /**
     * @param body the parsed answer, or null when it was not JSON
     * @param rawBody the answer as received, to quote (shortened) when it is not JSON
     */
    CloudflareException classify(
            int status, @CheckForNull JsonNode body, String rawBody, Optional<Duration> retryAfter) {
        List<ApiError> errors = body == null ? List.of() : errorsOf(body);
        Duration wait = retryAfter.orElse(null);
        String http = "HTTP " + status + cited(errors);
        if (status == 429 || anyCode(errors, RATE_LIMITED)) {
            return new CloudflareException(
                    FailureKind.RATE_LIMITED,
                    status,
                    errors,
                    wait,
                    "Cloudflare's rate limit was reached (" + http + ")"
                            + (retried ? "; the request is retried after the wait Cloudflare asks for." : whatNext()));
        }
        if (anyCode(errors, AUTHENTICATION) || (errors.isEmpty() && (status == 401 || status == 403))) {
            return new CloudflareException(FailureKind.AUTHENTICATION, status, errors, null, authentication(http));
        }
        if (anyCode(errors, WRONG_CREDENTIAL_TYPE)) {
            return new CloudflareException(
                    FailureKind.WRONG_CREDENTIAL_TYPE,
                    status,
                    errors,
                    null,
                    "Cloudflare could not read the credentials of " + request() + " (" + http
                            + "): the credential must hold an API token, not the Global API Key."
                            + " Create an API token with " + permission()
                            + " and store it in the Secret text credential.");
        }
        if (anyCode(errors, ZONE)) {
            return zoneFailure(status, errors, http);
        }
        if (operation == Operation.PURGE) {
            Optional<CloudflareException> purgeOnly = purgeFailure(status, errors, http);
            if (purgeOnly.isPresent()) {
                return purgeOnly.get();
            }
        }
        if (status >= 500) {
            return new CloudflareException(
                    FailureKind.SERVER_ERROR,
                    status,
                    errors,
                    wait,
                    "Cloudflare's API failed on " + request() + " (" + http + ")" + whatNext());
        }
        if (status >= 300 && errors.isEmpty()) {
            return clientError(status, body == null ? rawBody : null);
        }
        if (body == null) {
            return new CloudflareException(
                    FailureKind.BAD_RESPONSE,
                    status,
                    errors,
                    wait,
                    "Cloudflare's answer to " + request() + " (HTTP " + status + ") is not the JSON its API sends: "
                            + quote(rawBody) + ". If a proxy stands between Jenkins and Cloudflare, check it"
                            + whatNext());
        }
        if (errors.isEmpty()) {
            return new CloudflareException(
                    FailureKind.BAD_RESPONSE,
                    status,
                    errors,
                    wait,
                    "Cloudflare reported a failure of " + request() + " without saying why (HTTP " + status + ")"
                            + whatNext());
        }
        return new CloudflareException(
                FailureKind.UNKNOWN,
                status,
                errors,
                null,
                "Cloudflare rejected " + request() + " (HTTP " + status + "): "
                        + errors.stream()
                                .map(e -> "error " + e.code() + ": " + e.message())
                                .collect(Collectors.joining("; "))
                        + ".");
    }

    /** A 2xx answer without the {@code success} field: not Cloudflare's API, or a proxy's idea of it. */
    CloudflareException missingSuccessField(int status, String rawBody) {
        return new CloudflareException(
                FailureKind.BAD_RESPONSE,
                status,
                List.of(),
                null,
                "Cloudflare's answer to " + request() + " (HTTP " + status + ") lacks the 'success' field of its API: "
                        + quote(rawBody) + ". If a proxy stands between Jenkins and Cloudflare, check it"
                        + whatNext());
    }

    private String authentication(String http) {
        return switch (operation) {
            case PURGE ->
                "Cloudflare refused the API token (" + http + "): it is invalid, expired, or lacks the permission "
                        + permission() + " on " + subject
                        + ". Create a token with that permission for this zone and store it in the Secret text credential.";
            case TOKEN_VERIFICATION ->
                "Cloudflare did not verify the API token at /user/tokens/verify (" + http
                        + "): it is invalid or expired, or it is owned by an account"
                        + " (those verify only at /accounts/{account_id}/tokens/verify)."
                        + " Check the token stored in the Secret text credential.";
            case ZONE_LOOKUP ->
                "Cloudflare refused " + request() + " (" + http + "): the token is invalid, expired, or lacks the"
                        + " permission " + permission()
                        + ". Add that permission to the token, or enter the zone ID instead of the name.";
            case ZONE_READ ->
                "Cloudflare refused " + request() + " (" + http + "): the token is invalid, expired, or lacks the"
                        + " permission " + permission() + " on this zone.";
        };
    }

    private CloudflareException zoneFailure(int status, List<ApiError> errors, String http) {
        return switch (operation) {
            case PURGE, ZONE_READ ->
                new CloudflareException(
                        FailureKind.ZONE_NOT_FOUND,
                        status,
                        errors,
                        null,
                        "Cloudflare found no " + subject + " that this token may reach (" + http
                                + "): check the zone ID on the zone's Overview page"
                                + " and that the token's zone resources include this zone.");
            case ZONE_LOOKUP ->
                new CloudflareException(
                        FailureKind.ZONE_NOT_FOUND,
                        status,
                        errors,
                        null,
                        "Cloudflare could not look up " + subject + " (" + http
                                + "): check the name and that the token's zone resources include this zone;"
                                + " or enter the zone ID from the zone's Overview page instead.");
            case TOKEN_VERIFICATION ->
                // No zone is involved: Cloudflare did not recognise the address of the verification.
                new CloudflareException(
                        FailureKind.CLIENT_ERROR,
                        status,
                        errors,
                        null,
                        "Cloudflare could not route the token verification (" + http
                                + "): check the API base URL; Cloudflare's own is " + CloudflareClient.DEFAULT_BASE_URL
                                + ".");
        };
    }

    /** The codes only a purge request can earn: too many items, a malformed body, a rejected item. */
    private Optional<CloudflareException> purgeFailure(int status, List<ApiError> errors, String http) {
        if (anyCode(errors, TOO_MANY) || mentionsTooMany(errors)) {
            return Optional.of(new CloudflareException(
                    FailureKind.TOO_MANY_ITEMS,
                    status,
                    errors,
                    null,
                    "Cloudflare rejected a request for holding too many items (" + http
                            + "); it is split and sent again. Lower the URLs per request to avoid this."));
        }
        if (anyCode(errors, MALFORMED)) {
            return Optional.of(
                    new CloudflareException(
                            FailureKind.MALFORMED_REQUEST,
                            status,
                            errors,
                            null,
                            "Cloudflare could not read the purge request (" + http
                                    + "). This is a defect of the Cloudflare Purge plugin: please report it with this message."));
        }
        if (anyCode(errors, ITEM_REJECTED)) {
            return Optional.of(new CloudflareException(
                    FailureKind.ITEM_REJECTED,
                    status,
                    errors,
                    null,
                    "Cloudflare rejected items of this request (" + http + "): " + messages(errors) + "."));
        }
        return Optional.empty();
    }

    /**
     * A redirect, or a 4xx other than 401/403/429, that names no error: the request is wrong for this API (or went
     * elsewhere), so sending it again gives the same.
     */
    private CloudflareException clientError(int status, @CheckForNull String rawBody) {
        String answer = rawBody == null ? "without an error code" : "with " + quote(rawBody);
        String advice = status < 400 || status == 404 || status == 405
                ? "check the API base URL; Cloudflare's own is " + CloudflareClient.DEFAULT_BASE_URL + "."
                : "if a proxy stands between Jenkins and Cloudflare, check it; otherwise please report this to the"
                        + " Cloudflare Purge plugin with this message.";
        return new CloudflareException(
                FailureKind.CLIENT_ERROR,
                status,
                List.of(),
                null,
                "Cloudflare refused " + request() + " (HTTP " + status + ") " + answer + "; it is not retried: "
                        + advice);
    }

    static List<ApiError> errorsOf(JsonNode body) {
        List<ApiError> errors = new ArrayList<>();
        JsonNode array = body.path("errors");
        if (array.isArray()) {
            for (JsonNode e : array) {
                errors.add(
                        new ApiError(e.path("code").asInt(0), e.path("message").asText("")));
            }
        }
        return errors;
    }

    private static boolean anyCode(List<ApiError> errors, Set<Integer> codes) {
        return errors.stream().anyMatch(e -> codes.contains(e.code()));
    }

    private static boolean mentionsTooMany(List<ApiError> errors) {
        return errors.stream()
                .map(e -> e.message().toLowerCase(Locale.ROOT))
                .anyMatch(m -> m.contains("too many")
                        || (m.contains("exceeded")
                                && (m.contains("files") || m.contains("urls") || m.contains("items"))));
    }

    private static String cited(List<ApiError> errors) {
        return errors.isEmpty()
                ? ""
                : ", "
                        + errors.stream()
                                .map(e -> "error " + e.code() + " \"" + e.message() + "\"")
                                .collect(Collectors.joining(", "));
    }

    private static String messages(List<ApiError> errors) {
        return errors.stream().map(ApiError::message).collect(Collectors.joining("; "));
    }

    static String quote(String raw) {
        String oneLine = raw.replaceAll("\\s+", " ").strip();
        if (oneLine.isEmpty()) {
            return "an empty body";
        }
        return "\"" + (oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...") + "\"";
    }
}
