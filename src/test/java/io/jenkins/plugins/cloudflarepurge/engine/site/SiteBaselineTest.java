package io.jenkins.plugins.cloudflarepurge.engine.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.site.SiteBaseline.Choice;
import io.jenkins.plugins.cloudflarepurge.engine.site.SiteBaseline.EarlierPurge;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteBaselineTest {

    private static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final List<String> PREFIXES = List.of("https://www.example.org", "https://cdn.example.org/site");

    private final List<String> loaded = new ArrayList<>();

    private EarlierPurge purge(String run, String zone, List<String> prefixes, boolean succeeded) {
        SiteManifest m = SiteManifest.of(List.of(SiteManifestTest.entry(run.substring(1) + ".html", run)));
        return new EarlierPurge(run, zone, prefixes, succeeded, () -> {
            loaded.add(run);
            return Optional.of(m);
        });
    }

    private static String only(Choice choice) {
        return choice.manifest().entry(0).path();
    }

    @Test
    void theNewestSuccessfulPurgeOfTheSameZoneAndPrefixesIsTheBaseline() {
        Choice choice = SiteBaseline.choose(
                ZONE,
                PREFIXES,
                List.of(
                        purge("#9", ZONE, PREFIXES, false), // failed or partial: never the baseline
                        purge("#8", "other0zone", PREFIXES, true),
                        purge("#7", ZONE, List.of("https://www.example.org"), true),
                        purge("#6", ZONE, PREFIXES, true),
                        purge("#5", ZONE, PREFIXES, true)));
        assertTrue(choice.found());
        assertEquals("6.html", only(choice));
        assertEquals("#6", choice.run());
        assertEquals(List.of("#6"), loaded, "only the chosen purge's file is read");
        assertEquals(
                "Comparing the site directory with the 1 files published at the last successful purge of zone " + ZONE
                        + " with the URL prefixes https://cdn.example.org/site, https://www.example.org (#6).",
                choice.note());
    }

    @Test
    void prefixesCompareInAnyOrderAndSpelling() {
        Choice choice = SiteBaseline.choose(
                ZONE,
                PREFIXES,
                List.of(purge(
                        "#3", ZONE, List.of("https://CDN.example.org/site/", " https://www.example.org/ "), true)));
        assertEquals("3.html", only(choice));
    }

    @Test
    void withoutAnEarlierSuccessThereIsNoBaseline() {
        Choice choice = SiteBaseline.choose(
                ZONE, PREFIXES, List.of(purge("#2", ZONE, PREFIXES, false), purge("#1", ZONE, List.of(), true)));
        assertFalse(choice.found());
        assertNull(choice.manifest());
        assertNull(choice.run());
        assertEquals(
                "No earlier successful purge of zone " + ZONE + " with the URL prefixes https://cdn.example.org/site,"
                        + " https://www.example.org by this job, so the changes since then are not known.",
                choice.note());
        assertEquals(List.of(), loaded);
        assertFalse(SiteBaseline.choose(ZONE, PREFIXES, List.of()).found());
    }

    @Test
    void aDeletedBuildMeansNoBaselineNotAnOlderOne() {
        EarlierPurge deleted = new EarlierPurge("#4", ZONE, PREFIXES, true, Optional::empty);
        Choice choice = SiteBaseline.choose(ZONE, PREFIXES, List.of(deleted, purge("#3", ZONE, PREFIXES, true)));
        assertFalse(choice.found());
        assertEquals("#4", choice.run());
        assertTrue(
                choice.note()
                        .contains("was #4, but its list of published files is gone (the build that held it was"
                                + " deleted)"),
                choice.note());
        assertEquals(List.of(), loaded, "an older manifest would miss files changed and changed back since");
    }

    @Test
    void anUnreadableFileMeansNoBaselineAndSaysWhy() {
        EarlierPurge corrupt = new EarlierPurge("#4", ZONE, PREFIXES, true, () -> {
            throw new UnreadableManifestException("site manifest damaged: incorrect data check");
        });
        Choice choice = SiteBaseline.choose(ZONE, PREFIXES, List.of(corrupt));
        assertFalse(choice.found());
        assertTrue(
                choice.note().contains("cannot be read (site manifest damaged: incorrect data check)"), choice.note());
    }

    @Test
    void theWalkStopsAtTheFirstMatch() {
        SiteManifest wanted = SiteManifest.empty();
        Iterator<EarlierPurge> purges = List.of(
                        new EarlierPurge("#2", ZONE, PREFIXES, true, () -> Optional.of(wanted)),
                        new EarlierPurge("#1", ZONE, PREFIXES, true, () -> {
                            throw new IOException("must not be read");
                        }))
                .iterator();
        Choice choice = SiteBaseline.choose(ZONE, PREFIXES, () -> purges);
        assertSame(wanted, choice.manifest());
        assertTrue(purges.hasNext());
    }
}
