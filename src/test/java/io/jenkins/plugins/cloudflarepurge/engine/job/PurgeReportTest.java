package io.jenkins.plugins.cloudflarepurge.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.execution.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PurgeReportTest {

    static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";

    static PurgeReport.Builder builder() {
        PurgeReport.Builder b = new PurgeReport.Builder();
        b.zoneId = ZONE;
        b.mode = "urls";
        b.total = 2;
        b.purged = 1;
        b.notPurged = 1;
        b.verdict = Verdict.PARTIAL;
        b.outcome = BuildOutcome.UNSTABLE;
        b.requestIds = List.of("r1");
        b.items = List.of("https://www.example.com/a.css");
        b.failures =
                List.of(new PurgeReport.Failure("Cloudflare refused it.", 1, List.of("https://www.example.com/b.css")));
        b.runsIncluded = List.of("#4");
        b.durationMillis = 1234;
        b.summary = "Purge incomplete";
        return b;
    }

    /** Strings, integers, booleans, and lists and maps of those: what a script reads without approval. */
    static boolean plain(Object v) {
        return v instanceof String
                || v instanceof Integer
                || v instanceof Boolean
                || (v instanceof ArrayList<?> list && list.stream().allMatch(PurgeReportTest::plain))
                || (v instanceof LinkedHashMap<?, ?> map
                        && map.keySet().stream().allMatch(String.class::isInstance)
                        && map.values().stream().allMatch(PurgeReportTest::plain));
    }

    @Test
    void theMapHoldsOnlyPlainValues() {
        Map<String, Object> map = builder().build().toMap();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            assertTrue(plain(e.getValue()), e.getKey() + " is " + e.getValue().getClass());
        }
        assertEquals("urls", map.get("mode"));
        assertEquals("PARTIAL", map.get("verdict"));
        assertEquals(false, map.get("success"));
        assertEquals("UNSTABLE", map.get("outcome"));
        assertEquals(1, map.get("purged"));
        assertEquals(List.of("r1"), map.get("requestIds"));
        assertEquals(
                List.of(Map.of(
                        "reason",
                        "Cloudflare refused it.",
                        "count",
                        1,
                        "items",
                        List.of("https://www.example.com/b.css"))),
                map.get("failures"));
        assertEquals(1234, map.get("durationMillis"));
    }

    @Test
    void theMapAndTheGettersAgree() {
        PurgeReport.Builder b = builder();
        b.items = IntStream.range(0, PurgeReport.MAX_LISTED + 1)
                .mapToObj(i -> "https://www.example.com/" + i)
                .toList();
        b.purged = PurgeReport.MAX_LISTED + 1;
        for (boolean dryRun : new boolean[] {false, true}) {
            b.dryRun = dryRun;
            PurgeReport r = b.build();
            Map<String, Object> map = r.toMap();
            assertEquals(r.getItems(), map.get("items"), "dry run " + dryRun);
            assertEquals(r.isItemsTruncated(), map.get("itemsTruncated"));
            assertEquals(r.getRequestIds(), map.get("requestIds"));
            assertEquals(r.getRunsIncluded(), map.get("runsIncluded"));
            assertEquals(r.getVerdict().name(), map.get("verdict"));
            assertEquals(r.getOutcome().name(), map.get("outcome"));
            assertEquals(r.getNotPurged(), map.get("notPurged"));
            assertEquals(r.getRefusedFiles(), map.get("refusedFiles"));
            List<?> failures = (List<?>) map.get("failures");
            assertEquals(r.getFailures().size(), failures.size());
            for (int i = 0; i < failures.size(); i++) {
                PurgeReport.Failure f = r.getFailures().get(i);
                assertEquals(
                        Map.of("reason", f.getReason(), "count", f.getCount(), "items", f.getItems()), failures.get(i));
            }
        }
        b.dryRun = false;
        assertEquals(true, b.build().toMap().get("itemsTruncated"));
    }

    @Test
    void theVerdictAndTheOutcomeAreEnums() {
        PurgeReport r = builder().build();
        assertEquals(Verdict.PARTIAL, r.getVerdict());
        assertEquals(BuildOutcome.UNSTABLE, r.getOutcome());
    }

    @Test
    void refusedFilesAreCountedAndInTheMap() {
        PurgeReport.Builder b = builder();
        b.refusedFiles = 1;
        assertEquals(1, b.build().getRefusedFiles());
        assertEquals(1, b.build().toMap().get("refusedFiles"));
    }

    @Test
    void longListsAreCutButCountsStay() {
        PurgeReport.Builder b = builder();
        b.items = IntStream.range(0, PurgeReport.MAX_LISTED + 5)
                .mapToObj(i -> "https://www.example.com/" + i)
                .toList();
        b.purged = PurgeReport.MAX_LISTED + 5;
        PurgeReport r = b.build();
        assertEquals(PurgeReport.MAX_LISTED, r.getItems().size());
        assertTrue(r.isItemsTruncated());
        assertEquals(PurgeReport.MAX_LISTED + 5, r.getPurged());
        assertFalse(builder().build().isItemsTruncated());
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(builder().build());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            PurgeReport copy = assertInstanceOf(PurgeReport.class, in.readObject());
            assertEquals(builder().build().toMap(), copy.toMap());
        }
    }
}
