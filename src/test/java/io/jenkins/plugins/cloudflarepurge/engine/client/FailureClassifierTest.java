package io.jenkins.plugins.cloudflarepurge.engine.client;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.cloudflarepurge.engine.client.FailureClassifier.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error code this plugin knows, against every operation it sends: each sentence must read right for what
 * the request was for (a 7003 of a token verification is about the address, not a zone).
 */
class FailureClassifierTest {

    static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final ObjectMapper JSON = new ObjectMapper();

    static FailureClassifier classifier(Operation operation) {
        return switch (operation) {
            case PURGE -> FailureClassifier.purge(ZONE);
            case TOKEN_VERIFICATION -> FailureClassifier.tokenVerification();
            case ZONE_LOOKUP -> FailureClassifier.zoneLookup("example.com");
            case ZONE_READ -> FailureClassifier.zoneRead(ZONE);
        };
    }

    static CloudflareException classify(Operation operation, int status, int code) {
        String raw = "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"Cloudflare's words\"}]}";
        return classify(operation, status, raw);
    }

    static CloudflareException classify(Operation operation, int status, String raw) {
        // As the client hands it over: null unless the answer is a JSON object.
        JsonNode body;
        try {
            body = raw.isBlank() ? null : JSON.readTree(raw);
        } catch (Exception e) {
            body = null;
        }
        if (body != null && !body.isObject()) {
            body = null;
        }
        return classifier(operation).classify(status, body, raw, Optional.empty());
    }

    /** Code, status, operation, kind, and the words that make the sentence right for that operation. */
    static Stream<Arguments> codesByOperation() {
        List<Arguments> rows = new ArrayList<>();
        for (int code : new int[] {10000, 1000, 9109}) {
            rows.add(Arguments.of(
                    code,
                    403,
                    Operation.PURGE,
                    FailureKind.AUTHENTICATION,
                    "Zone > Cache Purge > Purge on zone " + ZONE));
            rows.add(Arguments.of(
                    code,
                    401,
                    Operation.TOKEN_VERIFICATION,
                    FailureKind.AUTHENTICATION,
                    "Cloudflare did not verify the API token at /user/tokens/verify"));
            rows.add(Arguments.of(
                    code,
                    403,
                    Operation.ZONE_LOOKUP,
                    FailureKind.AUTHENTICATION,
                    "refused the lookup of the zone named example.com"));
            rows.add(Arguments.of(
                    code, 403, Operation.ZONE_READ, FailureKind.AUTHENTICATION, "Zone > Zone > Read on this zone"));
        }
        for (int code : new int[] {6003, 6103, 6111}) {
            rows.add(Arguments.of(
                    code,
                    400,
                    Operation.PURGE,
                    FailureKind.WRONG_CREDENTIAL_TYPE,
                    "could not read the credentials of the purge request"));
            rows.add(Arguments.of(
                    code,
                    400,
                    Operation.TOKEN_VERIFICATION,
                    FailureKind.WRONG_CREDENTIAL_TYPE,
                    "could not read the credentials of the token verification"));
            rows.add(Arguments.of(
                    code,
                    400,
                    Operation.ZONE_LOOKUP,
                    FailureKind.WRONG_CREDENTIAL_TYPE,
                    "credentials of the lookup of the zone named example.com"));
            rows.add(Arguments.of(
                    code,
                    400,
                    Operation.ZONE_READ,
                    FailureKind.WRONG_CREDENTIAL_TYPE,
                    "credentials of the request for zone " + ZONE));
        }
        for (int code : new int[] {7003, 1095, 7000}) {
            rows.add(Arguments.of(
                    code,
                    400,
                    Operation.PURGE,
                    FailureKind.ZONE_NOT_FOUND,
                    "found no zone " + ZONE + " that this token"));
            rows.add(Arguments.of(
                    code,
                    400,
                    Operation.TOKEN_VERIFICATION,
                    FailureKind.CLIENT_ERROR,
                    "could not route the token verification"));
            rows.add(Arguments.of(
                    code,
                    400,
                    Operation.ZONE_LOOKUP,
                    FailureKind.ZONE_NOT_FOUND,
                    "could not look up the zone named example.com"));
            rows.add(Arguments.of(
                    code,
                    400,
                    Operation.ZONE_READ,
                    FailureKind.ZONE_NOT_FOUND,
                    "found no zone " + ZONE + " that this token"));
        }
        Object[][] purgeOnly = {
            {1094, FailureKind.TOO_MANY_ITEMS, "split and sent again"},
            {1012, FailureKind.MALFORMED_REQUEST, "defect of the Cloudflare Purge plugin"},
            {1014, FailureKind.MALFORMED_REQUEST, "defect of the Cloudflare Purge plugin"},
            {1092, FailureKind.MALFORMED_REQUEST, "defect of the Cloudflare Purge plugin"},
            {1100, FailureKind.ITEM_REJECTED, "rejected items of this request"},
            {1114, FailureKind.ITEM_REJECTED, "rejected items of this request"}
        };
        for (Object[] row : purgeOnly) {
            rows.add(Arguments.of(row[0], 400, Operation.PURGE, row[1], row[2]));
            rows.add(Arguments.of(
                    row[0],
                    400,
                    Operation.TOKEN_VERIFICATION,
                    FailureKind.UNKNOWN,
                    "Cloudflare rejected the token verification (HTTP 400): error " + row[0]
                            + ": Cloudflare's words."));
            rows.add(Arguments.of(
                    row[0],
                    400,
                    Operation.ZONE_LOOKUP,
                    FailureKind.UNKNOWN,
                    "rejected the lookup of the zone named example.com (HTTP 400): error " + row[0]));
            rows.add(Arguments.of(
                    row[0], 400, Operation.ZONE_READ, FailureKind.UNKNOWN, "rejected the request for zone " + ZONE));
        }
        for (int code : new int[] {971, 10429}) {
            rows.add(Arguments.of(
                    code,
                    400,
                    Operation.PURGE,
                    FailureKind.RATE_LIMITED,
                    "retried after the wait Cloudflare asks for"));
            for (Operation once : List.of(Operation.TOKEN_VERIFICATION, Operation.ZONE_LOOKUP, Operation.ZONE_READ)) {
                rows.add(Arguments.of(
                        code, 400, once, FailureKind.RATE_LIMITED, "rate limit was reached (HTTP 400, error " + code));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} on {2} -> {3}")
    @MethodSource("codesByOperation")
    void eachKnownCodeReadsRightForEachOperation(
            int code, int status, Operation operation, FailureKind kind, String words) {
        CloudflareException e = classify(operation, status, code);
        String message = e.getMessage();
        assertAll(
                () -> assertEquals(kind, e.kind(), message),
                () -> assertTrue(message.contains(words), message),
                () -> assertTrue(message.contains("error " + code), "cites the code: " + message),
                () -> assertEquals(status, e.httpStatus()),
                () -> assertEquals(List.of(new ApiError(code, "Cloudflare's words")), e.errors()),
                () -> assertFalse(message.contains("no the ") || message.contains("no this "), message),
                () -> assertTrue(message.endsWith("."), message));
        if (operation != Operation.PURGE) {
            // Nothing but a purge is retried, split, or has items.
            assertAll(
                    () -> assertFalse(message.contains("retried"), message),
                    () -> assertFalse(message.contains("split"), message),
                    () -> assertFalse(message.contains("items"), message));
        }
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void aRateLimitOrAServerErrorMayPassAndOnlyAPurgeIsSaidToBeRetried(Operation operation) {
        CloudflareException limited = classify(operation, 429, "{\"success\":false,\"errors\":[]}");
        CloudflareException failed = classify(operation, 500, "<html>Internal error</html>");
        assertEquals(FailureKind.RATE_LIMITED, limited.kind());
        assertEquals(FailureKind.SERVER_ERROR, failed.kind());
        assertTrue(limited.retryable() && failed.retryable());
        String retried = operation == Operation.PURGE ? "the request is retried" : "try again in a few minutes.";
        assertTrue(limited.getMessage().contains(retried), limited.getMessage());
        assertTrue(failed.getMessage().contains(retried), failed.getMessage());
        assertTrue(failed.getMessage().contains(classifier(operation).request()), failed.getMessage());
    }

    @Test
    void aOneShotPurgeMayPassButIsNotSaidToBeRetried() {
        FailureClassifier once = FailureClassifier.oneShotPurge(ZONE);
        CloudflareException limited = once.classify(429, null, "{\"success\":false,\"errors\":[]}", Optional.empty());
        CloudflareException failed = once.classify(500, null, "<html>Internal error</html>", Optional.empty());
        for (CloudflareException e : List.of(limited, failed)) {
            assertTrue(e.retryable(), "the kind still says it may pass: " + e.getMessage());
            assertFalse(e.getMessage().contains("retried"), e.getMessage());
            assertTrue(e.getMessage().contains("try again in a few minutes."), e.getMessage());
        }
        assertTrue(failed.getMessage().contains("the purge request"), failed.getMessage());
    }

    static Stream<Arguments> clientErrors() {
        return Stream.of(
                Arguments.of(400, "{\"success\":false,\"errors\":[]}", "without an error code", "if a proxy"),
                Arguments.of(404, "{\"success\":false,\"errors\":[]}", "without an error code", "API base URL"),
                Arguments.of(405, "", "with an empty body", "API base URL"),
                Arguments.of(422, "{\"success\":false}", "without an error code", "if a proxy"),
                Arguments.of(409, "Conflict", "with \"Conflict\"", "if a proxy"),
                Arguments.of(302, "", "with an empty body", "API base URL"),
                Arguments.of(300, "{\"success\":false,\"errors\":[]}", "without an error code", "API base URL"),
                Arguments.of(499, "{\"success\":false,\"errors\":[]}", "without an error code", "if a proxy"));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @MethodSource("clientErrors")
    void aClientErrorWithoutCodesIsNotRetriedAndSaysWhatToCheck(int status, String raw, String answer, String advice) {
        for (Operation operation : Operation.values()) {
            CloudflareException e = classify(operation, status, raw);
            assertEquals(FailureKind.CLIENT_ERROR, e.kind(), e.getMessage());
            assertFalse(e.retryable());
            assertEquals(status, e.httpStatus());
            assertTrue(
                    e.getMessage().contains("(HTTP " + status + ") " + answer + "; it is not retried"), e.getMessage());
            assertTrue(e.getMessage().contains(advice), e.getMessage());
            assertTrue(e.getMessage().contains(classifier(operation).request()), e.getMessage());
        }
    }

    @Test
    void theAuthenticationErrorOfAnEmptyAnswerNamesThePermission() {
        CloudflareException e = classify(Operation.PURGE, 403, "{\"success\":false,\"errors\":[]}");
        assertEquals(FailureKind.AUTHENTICATION, e.kind());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().startsWith("Cloudflare refused the API token (HTTP 403): "), e.getMessage());
    }

    @Test
    void aTooManyMessageWithoutTheCodeIsStillASplit() {
        for (String words : List.of("Too many files", "You exceeded the number of URLs", "exceeded max items")) {
            String raw = "{\"success\":false,\"errors\":[{\"code\":1234,\"message\":\"" + words + "\"}]}";
            assertEquals(
                    FailureKind.TOO_MANY_ITEMS,
                    classify(Operation.PURGE, 400, raw).kind(),
                    words);
        }
        String unrelated = "{\"success\":false,\"errors\":[{\"code\":1234,\"message\":\"exceeded the quota\"}]}";
        assertEquals(
                FailureKind.UNKNOWN, classify(Operation.PURGE, 400, unrelated).kind());
    }

    @Test
    void retryAfterIsKeptOnlyWhereAWaitHelps() {
        Duration wait = Duration.ofSeconds(9);
        String raw = "{\"success\":false,\"errors\":[]}";
        FailureClassifier purge = classifier(Operation.PURGE);
        assertEquals(
                Optional.of(wait),
                purge.classify(429, null, raw, Optional.of(wait)).retryAfter());
        assertEquals(
                Optional.of(wait),
                purge.classify(503, null, raw, Optional.of(wait)).retryAfter());
        assertEquals(
                Optional.empty(),
                purge.classify(400, null, raw, Optional.of(wait)).retryAfter());
    }

    @Test
    void unknownCodesKeepEveryMessageOfCloudflare() {
        String raw =
                "{\"success\":false,\"errors\":[{\"code\":1,\"message\":\"one\"},{\"code\":2,\"message\":\"two\"}]}";
        assertEquals(
                "Cloudflare rejected the purge request (HTTP 400): error 1: one; error 2: two.",
                classify(Operation.PURGE, 400, raw).getMessage());
    }

    @Test
    void itemRejectionsQuoteCloudflaresWords() {
        String raw = "{\"success\":false,\"errors\":[{\"code\":1100,\"message\":\"tag too long\"},"
                + "{\"code\":1114,\"message\":\"host invalid\"}]}";
        assertTrue(classify(Operation.PURGE, 400, raw).getMessage().endsWith("): tag too long; host invalid."));
    }

    @Test
    void longBodiesAreQuotedOnOneShortLine() {
        assertEquals("an empty body", FailureClassifier.quote(" \n "));
        assertEquals("\"a b\"", FailureClassifier.quote("a\n\t b"));
        String quoted = FailureClassifier.quote("x".repeat(200));
        assertEquals(122, quoted.length());
        assertTrue(quoted.endsWith("...\""));
        assertEquals("\"" + "y".repeat(120) + "\"", FailureClassifier.quote("y".repeat(120)));
        assertEquals("\"" + "y".repeat(117) + "...\"", FailureClassifier.quote("y".repeat(121)));
    }

    @Test
    void whatEachKindMeansForTheRestOfThePurge() {
        List<FailureKind> retryable = new ArrayList<>();
        List<FailureKind> aborting = new ArrayList<>();
        for (FailureKind kind : FailureKind.values()) {
            if (kind.retryable()) {
                retryable.add(kind);
            }
            if (kind.abortsPurge()) {
                aborting.add(kind);
            }
        }
        assertEquals(
                List.of(
                        FailureKind.RATE_LIMITED,
                        FailureKind.SERVER_ERROR,
                        FailureKind.TIMEOUT,
                        FailureKind.CONNECTION,
                        FailureKind.BAD_RESPONSE),
                retryable);
        assertEquals(
                List.of(
                        FailureKind.AUTHENTICATION,
                        FailureKind.WRONG_CREDENTIAL_TYPE,
                        FailureKind.ZONE_NOT_FOUND,
                        FailureKind.MALFORMED_REQUEST),
                aborting);
    }

    @Test
    void anErrorReadsAsItsCodeAndWordsAndAnExceptionAsItsParts() {
        assertEquals("1094 too many", new ApiError(1094, "too many").toString());
        CloudflareException e = classify(Operation.PURGE, 400, 1094);
        assertEquals(
                "CloudflareException[TOO_MANY_ITEMS, HTTP 400, [1094 Cloudflare's words]]: " + e.getMessage(),
                e.toString());
    }
}
