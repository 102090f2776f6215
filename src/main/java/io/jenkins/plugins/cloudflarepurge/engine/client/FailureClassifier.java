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
 * person what to do. Known codes get advice of their own; unknown codes keep Cloudflare's words.
 */
final class FailureClassifier {

    private static final Set<Integer> AUTHENTICATION = Set.of(10000, 1000, 9109);
    private static final Set<Integer> WRONG_CREDENTIAL_TYPE = Set.of(6003, 6103, 6111);
    private static final Set<Integer> ZONE = Set.of(7003, 1095, 7000);
    private static final Set<Integer> TOO_MANY = Set.of(1094);
    private static final Set<Integer> MALFORMED = Set.of(1012, 1014, 1092);
    private static final Set<Integer> ITEM_REJECTED = Set.of(1100, 1114);
    private static final Set<Integer> RATE_LIMITED = Set.of(971, 10429);

    private final String zoneDescription;

    /**
     * @param zoneDescription how the request's zone is named in advice, e.g. "zone 0123…": the ID, never a secret
     */
    FailureClassifier(String zoneDescription) {
        this.zoneDescription = zoneDescription;
    }

    /**
     * @param body the parsed answer, or null when it was not JSON
     * @param rawBody the answer as received, to quote (shortened) when it is not JSON
     */
    CloudflareException classify(
            int status, @CheckForNull JsonNode body, String rawBody, Optional<Duration> retryAfter) {
        List<ApiError> errors = body == null ? List.of() : errorsOf(body);
        Duration wait = retryAfter.orElse(null);
        if (status == 429 || anyCode(errors, RATE_LIMITED)) {
            return new CloudflareException(
                    FailureKind.RATE_LIMITED,
                    status,
                    errors,
                    wait,
                    "Cloudflare's rate limit was reached (HTTP " + status + cited(errors)
                            + "); the request is retried after the wait Cloudflare asks for.");
        }
        if (anyCode(errors, AUTHENTICATION) || (errors.isEmpty() && (status == 401 || status == 403))) {
            return new CloudflareException(
                    FailureKind.AUTHENTICATION,
                    status,
                    errors,
                    null,
                    "Cloudflare refused the API token (HTTP " + status + cited(errors)
                            + "): it is invalid, expired, or lacks the permission Zone > Cache Purge > Purge on "
                            + zoneDescription
                            + ". Create a token with that permission for this zone and store it in the Secret text credential.");
        }
        if (anyCode(errors, WRONG_CREDENTIAL_TYPE)) {
            return new CloudflareException(
                    FailureKind.WRONG_CREDENTIAL_TYPE,
                    status,
                    errors,
                    null,
                    "Cloudflare could not read the credentials (HTTP " + status + cited(errors)
                            + "): the credential must hold an API token, not the Global API Key."
                            + " Create an API token with Zone > Cache Purge > Purge and store it in the Secret text credential.");
        }
        if (anyCode(errors, ZONE)) {
            return new CloudflareException(
                    FailureKind.ZONE_NOT_FOUND,
                    status,
                    errors,
                    null,
                    "Cloudflare knows no " + zoneDescription + " that this token may reach (HTTP " + status
                            + cited(errors) + "): check the zone ID on the zone's Overview page"
                            + " and that the token's zone resources include this zone.");
        }
        if (anyCode(errors, TOO_MANY) || mentionsTooMany(errors)) {
            return new CloudflareException(
                    FailureKind.TOO_MANY_ITEMS,
                    status,
                    errors,
                    null,
                    "Cloudflare rejected a request for holding too many items (HTTP " + status + cited(errors)
                            + "); it is split and sent again. Lower the URLs per request to avoid this.");
        }
        if (anyCode(errors, MALFORMED)) {
            return new CloudflareException(
                    FailureKind.MALFORMED_REQUEST,
                    status,
                    errors,
                    null,
                    "Cloudflare could not read the purge request (HTTP " + status + cited(errors)
                            + "). This is a defect of the Cloudflare Purge plugin: please report it with this message.");
        }
        if (anyCode(errors, ITEM_REJECTED)) {
            return new CloudflareException(
                    FailureKind.ITEM_REJECTED,
                    status,
                    errors,
                    null,
                    "Cloudflare rejected items of this request (HTTP " + status + cited(errors) + "): "
                            + messages(errors) + ".");
        }
        if (status >= 500) {
            return new CloudflareException(
                    FailureKind.SERVER_ERROR,
                    status,
                    errors,
                    wait,
                    "Cloudflare's API failed (HTTP " + status + cited(errors) + "); the request is retried.");
        }
        if (body == null) {
            return new CloudflareException(
                    FailureKind.BAD_RESPONSE,
                    status,
                    errors,
                    wait,
                    "Cloudflare's answer (HTTP " + status + ") is not the JSON its API sends: " + quote(rawBody)
                            + ". If a proxy stands between Jenkins and Cloudflare, check it; the request is retried.");
        }
        if (errors.isEmpty()) {
            return new CloudflareException(
                    FailureKind.BAD_RESPONSE,
                    status,
                    errors,
                    wait,
                    "Cloudflare reported a failure without saying why (HTTP " + status + "); the request is retried.");
        }
        return new CloudflareException(
                FailureKind.UNKNOWN,
                status,
                errors,
                null,
                "Cloudflare rejected the request (HTTP " + status + "): "
                        + errors.stream()
                                .map(e -> "error " + e.code() + ": " + e.message())
                                .collect(Collectors.joining("; "))
                        + ".");
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
