package io.jenkins.plugins.cloudflarepurge.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VariantsTest {

    @Test
    void oneVariantPerLineHeadersSeparatedBySemicolons() {
        List<Map<String, String>> variants =
                Variants.parse("CF-Device-Type: mobile\n\n  CF-Device-Type:tablet ; Accept-Language: de  \r\n");
        assertEquals(
                List.of(
                        Map.of("CF-Device-Type", "mobile"),
                        Map.of("CF-Device-Type", "tablet", "Accept-Language", "de")),
                variants);
    }

    @Test
    void blankOrNullIsNone() {
        assertTrue(Variants.parse(null).isEmpty());
        assertTrue(Variants.parse(" \n ").isEmpty());
        assertTrue(Variants.check(null).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mobile", ": mobile", "CF-Device-Type mobile"})
    void aLineWithoutNameAndColonIsRefusedWithTheLine(String line) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Variants.parse(line));
        assertEquals("variants", e.field());
        assertTrue(e.getMessage().contains("'" + line.strip() + "'"), e.getMessage());
        assertTrue(Variants.check(line).isPresent());
    }

    @Test
    void theSameHeaderTwiceInOneVariantIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Variants.parse("A: 1; A: 2"));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void thePlannersRulesApply() {
        assertTrue(Variants.check("Bad Name: x").isPresent());
        assertTrue(Variants.check("CF-Device-Type:").isPresent());
    }
}
