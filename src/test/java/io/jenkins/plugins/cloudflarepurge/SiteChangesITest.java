package io.jenkins.plugins.cloudflarepurge;

import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.PREFIX;
import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.ZONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.cloudflarepurge.engine.site.SiteManifest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Purging by the published files ({@code siteDirectory}), in Pipeline and freestyle. */
@WithJenkins
class SiteChangesITest {

    private JenkinsRule j;
    private CloudflareStub cloudflare;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        j = rule;
        cloudflare = new CloudflareStub().configure();
    }

    @AfterEach
    void tearDown() {
        cloudflare.close();
    }

    /** A site: path to content. */
    static Map<String, String> site(String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return files;
    }

    /** A Pipeline that generates the site into public/ afresh (new timestamps every time), then purges. */
    static String generateAndPurge(Map<String, String> files, String purge) {
        StringBuilder script = new StringBuilder("node {\n  dir('public') { deleteDir() }\n");
        files.forEach((path, content) -> script.append("  writeFile file: 'public/")
                .append(path)
                .append("', text: '")
                .append(content)
                .append("'\n"));
        return script.append("  ").append(purge).append("\n}\n").toString();
    }

    private WorkflowRun build(WorkflowJob job, Map<String, String> files, Result expected) throws Exception {
        return build(job, generateAndPurge(files, "cloudflarePurge(siteDirectory: 'public')"), expected);
    }

    private WorkflowRun build(WorkflowJob job, String script, Result expected) throws Exception {
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    static File manifest(Run<?, ?> run) {
        return new File(run.getRootDir(), SiteManifest.fileName(ZONE));
    }

    @Test
    void theFirstBuildFallsBackThenOnlyWhatDiffersByContentIsPurged() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "hugo");
        Map<String, String> v1 = site("index.html", "home 1", "css/site.css", "body{}", "old.html", "old");
        WorkflowRun first = build(job, v1, Result.SUCCESS);
        assertTrue(cloudflare.purgedEverything(), cloudflare.bodies().toString());
        j.assertLogContains("No earlier successful purge of zone " + ZONE, first);
        j.assertLogContains("the next successful purge stores the 3 files published now", first);
        assertTrue(manifest(first).isFile());
        // The Pipeline's own script, kept in build.xml, writes the files: only the rest must not name them.
        String buildXml = Files.readString(first.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8)
                .replaceAll("(?s)<script>.*?</script>", "");
        assertFalse(buildXml.contains("css/site.css"), "the manifest is not in build.xml: " + buildXml);

        cloudflare.forgetRequests();
        WorkflowRun same = build(job, v1, Result.SUCCESS);
        assertTrue(cloudflare.purges().isEmpty(), "rewritten with the same bytes: " + cloudflare.bodies());
        j.assertLogContains("(" + first.getDisplayName() + ")", same);

        cloudflare.forgetRequests();
        Map<String, String> v2 = site("index.html", "home 2", "css/site.css", "body{}", "blog/post.html", "new");
        WorkflowRun changed = build(job, v2, Result.SUCCESS);
        assertEquals(
                new TreeSet<>(
                        Set.of(PREFIX + "/", PREFIX + "/index.html", PREFIX + "/blog/post.html", PREFIX + "/old.html")),
                cloudflare.purgedUrls());
        j.assertLogContains("3 changed files", changed);
    }

    @Test
    void aRollbackPurgesWhatDiffersFromTheLastPurge() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "rollback");
        Map<String, String> good = site("index.html", "good", "about.html", "about");
        build(job, good, Result.SUCCESS);
        build(job, site("index.html", "broken", "about.html", "about"), Result.SUCCESS);
        cloudflare.forgetRequests();
        build(job, good, Result.SUCCESS);
        assertEquals(new TreeSet<>(Set.of(PREFIX + "/", PREFIX + "/index.html")), cloudflare.purgedUrls());
    }

    @Test
    void patternsExtraUrlsAndIndexDocumentsApplyAsForChangelogs() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "patterns");
        String purge = "cloudflarePurge(siteDirectory: 'public', excludes: '**/*.map', extraUrls: '/sitemap.xml')";
        build(
                job,
                generateAndPurge(site("docs/index.html", "1", "app.js", "1", "app.js.map", "1"), purge),
                Result.SUCCESS);
        cloudflare.forgetRequests();
        build(
                job,
                generateAndPurge(site("docs/index.html", "2", "app.js", "1", "app.js.map", "2"), purge),
                Result.SUCCESS);
        assertEquals(
                new TreeSet<>(Set.of(PREFIX + "/docs/", PREFIX + "/docs/index.html", PREFIX + "/sitemap.xml")),
                cloudflare.purgedUrls());
    }

    @Test
    void aFailedPurgeKeepsTheBaselineSoTheNextBuildCatchesUp() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "catch-up");
        WorkflowRun first = build(job, site("a.html", "1", "b.html", "1"), Result.SUCCESS);
        cloudflare.refuse();
        WorkflowRun failed = build(job, site("a.html", "2", "b.html", "1"), Result.FAILURE);
        assertFalse(manifest(failed).exists(), "a failed purge stores no manifest");
        cloudflare.accept();
        cloudflare.forgetRequests();
        WorkflowRun next = build(job, site("a.html", "2", "b.html", "2"), Result.SUCCESS);
        assertEquals(new TreeSet<>(Set.of(PREFIX + "/a.html", PREFIX + "/b.html")), cloudflare.purgedUrls());
        j.assertLogContains("(" + first.getDisplayName() + ")", next);
        assertTrue(manifest(next).isFile());
    }

    @Test
    void twoPrefixSetsOfOneZoneInOneRunKeepNoList() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "two-prefix-sets");
        WorkflowRun run = build(
                job,
                generateAndPurge(
                        site("a.html", "1"),
                        "cloudflarePurge(siteDirectory: 'public')\n"
                                + "  cloudflarePurge(siteDirectory: 'public', urlPrefixes: 'https://cdn.example.com')"),
                Result.SUCCESS);
        j.assertLogContains("so neither list is kept; the next purge of this zone falls back", run);
        assertFalse(manifest(run).exists());
    }

    @Test
    void aPurgeOfEverythingWithoutAListIsNotSkippedForAnOlderList() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "everything-between");
        Map<String, String> v1 = site("a.html", "1");
        build(job, v1, Result.SUCCESS);
        WorkflowRun everything = build(
                job, generateAndPurge(site("a.html", "2"), "cloudflarePurge(purgeEverything: true)"), Result.SUCCESS);
        cloudflare.forgetRequests();
        WorkflowRun back = build(job, v1, Result.SUCCESS);
        assertTrue(cloudflare.purgedEverything(), "a.html changed and changed back since #1: " + cloudflare.bodies());
        j.assertLogContains(everything.getDisplayName() + " stored no list of published files", back);
    }

    @Test
    void whatAFailedPurgeWasToPurgeIsPurgedEvenIfItChangedBack() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "failed-then-back");
        Map<String, String> v1 = site("a.html", "1", "b.html", "1");
        build(job, v1, Result.SUCCESS);
        cloudflare.refuse();
        WorkflowRun failed = build(job, site("a.html", "2", "b.html", "1"), Result.FAILURE);
        cloudflare.accept();
        cloudflare.forgetRequests();
        WorkflowRun back = build(job, v1, Result.SUCCESS);
        assertEquals(new TreeSet<>(Set.of(PREFIX + "/a.html")), cloudflare.purgedUrls());
        j.assertLogContains("Also purging what the failed purges of " + failed.getDisplayName(), back);
    }

    @Test
    void aDryRunStoresNothing() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "dry");
        WorkflowRun dry = build(
                job,
                generateAndPurge(site("a.html", "1"), "cloudflarePurge(siteDirectory: 'public', dryRun: true)"),
                Result.SUCCESS);
        assertFalse(manifest(dry).exists());
        assertTrue(cloudflare.purges().isEmpty());
    }

    @Test
    void outsideNodeTheStepFailsWithOneSentenceAndSendsNothing() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "no-node");
        WorkflowRun run = build(job, "cloudflarePurge(siteDirectory: 'public')", Result.FAILURE);
        j.assertLogContains(
                "cloudflarePurge: siteDirectory: 'public' is in a workspace, and this purge has none: place the step "
                        + "inside node",
                run);
        assertTrue(cloudflare.purges().isEmpty());
    }

    @Test
    void aMissingDirectoryFailsAndSendsNothing() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "missing");
        WorkflowRun run = build(job, "node {\n  cloudflarePurge(siteDirectory: 'public')\n}", Result.FAILURE);
        j.assertLogContains("cloudflarePurge: siteDirectory: The site directory ", run);
        j.assertLogContains("does not exist", run);
        assertTrue(cloudflare.purges().isEmpty());
    }

    @Test
    void siteDirectoryAndSourceRootAreRefusedTogether() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "both");
        WorkflowRun run = build(
                job,
                generateAndPurge(site("a.html", "1"), "cloudflarePurge(siteDirectory: 'public', sourceRoot: 'public')"),
                Result.FAILURE);
        j.assertLogContains("cloudflarePurge: siteDirectory: give siteDirectory or sourceRoot, not both", run);
        assertTrue(cloudflare.purges().isEmpty());
    }

    /** Writes the site into the freestyle workspace's public/ folder, replacing what was there. */
    static final class Generate extends TestBuilder {
        transient Map<String, String> files = new LinkedHashMap<>();

        @Override
        public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                throws IOException, InterruptedException {
            FilePath workspace = build.getWorkspace();
            if (workspace == null) {
                throw new IllegalStateException("no workspace");
            }
            FilePath site = workspace.child("public");
            site.deleteRecursive();
            for (Map.Entry<String, String> file : files.entrySet()) {
                site.child(file.getKey()).write(file.getValue(), StandardCharsets.UTF_8.name());
            }
            return true;
        }
    }

    @Test
    void theFreestyleActionUsesTheBuildsWorkspace() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("freestyle-site");
        Generate generate = new Generate();
        project.getBuildersList().add(generate);
        CloudflarePurgeRecorder recorder = new CloudflarePurgeRecorder();
        recorder.setSiteDirectory("public");
        project.getPublishersList().add(recorder);
        assertTrue(recorder.requiresWorkspace());
        assertFalse(new CloudflarePurgeRecorder().requiresWorkspace());

        generate.files = site("index.html", "1", "app.js", "1");
        FreeStyleBuild first = j.buildAndAssertSuccess(project);
        assertTrue(cloudflare.purgedEverything());
        assertTrue(manifest(first).isFile());

        cloudflare.forgetRequests();
        generate.files = site("index.html", "1", "app.js", "2");
        FreeStyleBuild second = j.buildAndAssertSuccess(project);
        assertEquals(new TreeSet<>(Set.of(PREFIX + "/app.js")), cloudflare.purgedUrls());
        j.assertLogContains("1 changed file", second);
    }

    @Test
    void theFormKeepsTheSiteDirectoryAndTheRepository() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("form");
        CloudflarePurgeRecorder recorder = new CloudflarePurgeRecorder();
        recorder.setSiteDirectory("dist/site");
        project.getPublishersList().add(recorder);
        j.configRoundtrip(project);
        CloudflarePurgeRecorder site = project.getPublishersList().get(CloudflarePurgeRecorder.class);
        assertEquals("dist/site", site.getSiteDirectory());
        assertTrue(site.requiresWorkspace());

        site.setSiteDirectory(null);
        site.setRepository("acme/site");
        j.configRoundtrip(project);
        CloudflarePurgeRecorder changelog = project.getPublishersList().get(CloudflarePurgeRecorder.class);
        assertEquals("acme/site", changelog.getRepository());
        assertNull(changelog.getSiteDirectory());
        assertFalse(changelog.requiresWorkspace());
    }
}
