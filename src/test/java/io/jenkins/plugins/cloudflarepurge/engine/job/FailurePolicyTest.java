package io.jenkins.plugins.cloudflarepurge.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.execution.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FailurePolicyTest {

    @ParameterizedTest
    @CsvSource({"fail,FAIL", "FAIL,FAIL", " Unstable ,UNSTABLE", "warn,WARN", "WaRn,WARN"})
    void parsesTheScriptSpellingInAnyCase(String text, FailurePolicy expected) {
        assertEquals(expected, FailurePolicy.parse("onFailure", text));
    }

    @Test
    void blankOrMissingIsTheDefaultWhichFails() {
        assertEquals(FailurePolicy.FAIL, FailurePolicy.DEFAULT);
        assertEquals(FailurePolicy.DEFAULT, FailurePolicy.parse("onFailure", null));
        assertEquals(FailurePolicy.DEFAULT, FailurePolicy.parse("onFailure", "  "));
    }

    @Test
    void anUnknownValueNamesTheArgumentAndTheChoices() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> FailurePolicy.parse("onFailure", "ignore"));
        assertEquals("onFailure", e.field());
        assertTrue(e.getMessage().contains("onFailure 'ignore'"), e.getMessage());
        assertTrue(e.getMessage().contains("'fail', 'unstable' or 'warn'"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void argumentRoundTrips(FailurePolicy policy) {
        assertEquals(policy, FailurePolicy.parse("x", policy.argument()));
    }

    @ParameterizedTest
    @CsvSource({
        "FAIL,SUCCESS,SUCCESS", "FAIL,PARTIAL,FAILURE", "FAIL,FAILED,FAILURE", "FAIL,CANCELLED,ABORTED",
        "UNSTABLE,SUCCESS,SUCCESS", "UNSTABLE,PARTIAL,UNSTABLE", "UNSTABLE,FAILED,UNSTABLE",
                "UNSTABLE,CANCELLED,ABORTED",
        "WARN,SUCCESS,SUCCESS", "WARN,PARTIAL,SUCCESS", "WARN,FAILED,SUCCESS", "WARN,CANCELLED,ABORTED"
    })
    void mapsEveryVerdict(FailurePolicy policy, Verdict verdict, BuildOutcome expected) {
        assertEquals(expected, policy.outcome(verdict));
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void saysNothingForSuccessOrAbort(FailurePolicy policy) {
        assertNull(policy.consoleLine(Verdict.SUCCESS));
        assertNull(policy.consoleLine(Verdict.CANCELLED));
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void namesThePolicyAndTheRemedyForAFailure(FailurePolicy policy) {
        for (Verdict verdict : new Verdict[] {Verdict.PARTIAL, Verdict.FAILED}) {
            String line = policy.consoleLine(verdict);
            assertNotNull(line);
            assertTrue(line.contains("onFailure: '" + policy.argument() + "'"), line);
            assertTrue(line.contains("next run"), line);
            assertTrue(line.contains(verdict == Verdict.PARTIAL ? "incomplete" : "failed"), line);
        }
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void saysWhatHelpsWhenOnlyRefusedFilesWereLeft(FailurePolicy policy) {
        String line = policy.consoleLine(Verdict.PARTIAL, true);
        assertNotNull(line);
        assertTrue(line.contains("onFailure: '" + policy.argument() + "'"), line);
        assertTrue(
                line.endsWith("Later runs include these changes again and refuse the same files: purge their pages with"
                        + " 'paths', and purge everything once (purgeEverything: true) to start afresh."),
                line);
        assertTrue(policy.consoleLine(Verdict.PARTIAL, false)
                .toLowerCase(java.util.Locale.ROOT)
                .endsWith("the next run purges these changes again."));
        assertEquals(policy.consoleLine(Verdict.FAILED), policy.consoleLine(Verdict.FAILED, false));
    }
}
