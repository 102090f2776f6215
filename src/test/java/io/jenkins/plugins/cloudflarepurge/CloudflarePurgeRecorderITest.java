package io.jenkins.plugins.cloudflarepurge;

import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.PREFIX;
import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.FakeChangeLogSCM;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.UnstableBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class CloudflarePurgeRecorderITest {

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

    private FreeStyleProject project(FakeChangeLogSCM scm, CloudflarePurgeRecorder recorder) throws Exception {
        FreeStyleProject project = j.createFreeStyleProject();
        project.setScm(scm);
        project.getPublishersList().add(recorder);
        return project;
    }

    @Test
    void purgesTheChangedFilesOfAFreestyleBuild() throws Exception {
        FakeChangeLogSCM scm = new FakeChangeLogSCM();
        CloudflarePurgeRecorder recorder = new CloudflarePurgeRecorder();
        recorder.setSourceRoot("site");
        FreeStyleProject project = project(scm, recorder);
        FreeStyleBuild first = j.buildAndAssertSuccess(project);
        assertTrue(cloudflare.purgedEverything(), "the first build has no earlier deployment to compare with");
        j.assertLogContains("first run", first);

        cloudflare.forgetRequests();
        scm.addChange().withPath("site/css/site.css");
        scm.addChange().withPath("site/js/app.js");
        scm.addChange().withPath("build.gradle");
        FreeStyleBuild second = j.buildAndAssertSuccess(project);
        assertEquals(new TreeSet<>(Set.of(PREFIX + "/css/site.css", PREFIX + "/js/app.js")), cloudflare.purgedUrls());
        j.assertLogContains("purge urls, 3 changed files, 2 URLs, 1 request.", second);
        j.assertLogNotContains(TOKEN, second);
        assertEquals(
                2,
                second.getAction(CloudflarePurgeAction.class).getPurges().get(0).getPurged());
    }

    @Test
    void anUnchangedRebuildPurgesNothing() throws Exception {
        FreeStyleProject project = project(new FakeChangeLogSCM(), new CloudflarePurgeRecorder());
        j.buildAndAssertSuccess(project);
        cloudflare.forgetRequests();
        FreeStyleBuild again = j.buildAndAssertSuccess(project);
        assertTrue(cloudflare.purges().isEmpty(), cloudflare.bodies().toString());
        j.assertLogContains("nothing to purge", again);
    }

    @Test
    void runsOnlyWhenTheBuildIsGoodEnough() throws Exception {
        CloudflarePurgeRecorder recorder = new CloudflarePurgeRecorder();
        recorder.setPurgeEverything(true);
        FreeStyleProject project = project(new FakeChangeLogSCM(), recorder);
        project.getBuildersList().add(new UnstableBuilder());

        FreeStyleBuild skipped = j.assertBuildStatus(Result.UNSTABLE, project.scheduleBuild2(0));
        j.assertLogContains("Not purging: the build is UNSTABLE", skipped);
        assertTrue(cloudflare.purges().isEmpty());
        assertNull(skipped.getAction(CloudflarePurgeAction.class));

        recorder.setResultThreshold("UNSTABLE");
        j.assertBuildStatus(Result.UNSTABLE, project.scheduleBuild2(0));
        assertTrue(cloudflare.purgedEverything());
    }

    @Test
    void theFailurePolicyMarksTheBuild() throws Exception {
        cloudflare.refuse();
        CloudflarePurgeRecorder recorder = new CloudflarePurgeRecorder();
        recorder.setPurgeEverything(true);
        FreeStyleProject project = project(new FakeChangeLogSCM(), recorder);
        FreeStyleBuild failed = j.assertBuildStatus(Result.FAILURE, project.scheduleBuild2(0));
        j.assertLogNotContains(TOKEN, failed);
        recorder.setOnFailure("unstable");
        j.assertBuildStatus(Result.UNSTABLE, project.scheduleBuild2(0));
        recorder.setOnFailure("warn");
        j.assertBuildStatus(Result.SUCCESS, project.scheduleBuild2(0));
    }

    @Test
    void theConfigurationRoundTripsAndHoldsNoToken() throws Exception {
        CloudflarePurgeRecorder recorder = new CloudflarePurgeRecorder();
        recorder.setZoneId("0123456789abcdef0123456789abcdef");
        recorder.setCredentialsId(CloudflareStub.CREDENTIALS_ID);
        recorder.setUrlPrefixes("https://a.example.com\nhttps://b.example.com/site");
        recorder.setSourceRoot("public");
        recorder.setIncludes("**/*.css");
        recorder.setExcludes("drafts/**");
        recorder.setExtraUrls("/sitemap.xml");
        recorder.setIndexDocuments(""); // none: the form must not put its default back
        recorder.setVariants("CF-Device-Type: mobile");
        recorder.setMaxUrls(42);
        recorder.setFallback("prefixes");
        recorder.setOnFailure("unstable");
        recorder.setResultThreshold("UNSTABLE");
        recorder.setDryRun(true);
        FreeStyleProject project = project(new FakeChangeLogSCM(), recorder);

        j.configRoundtrip(project);
        CloudflarePurgeRecorder after = project.getPublishersList().get(CloudflarePurgeRecorder.class);
        assertEquals(recorder.arguments(), after.arguments());
        assertEquals("UNSTABLE", after.getResultThreshold());
        String configXml = Files.readString(project.getConfigFile().getFile().toPath(), StandardCharsets.UTF_8);
        assertFalse(configXml.contains(TOKEN));
        assertTrue(configXml.contains(CloudflareStub.CREDENTIALS_ID));
    }

    @Test
    void everyFieldHasHelp() throws Exception {
        List<String> fields = new ArrayList<>(PurgeForms.sharedFields());
        fields.add("resultThreshold");
        HelpFiles.assertEachLoads(j, CloudflarePurgeRecorder.class, fields);
    }
}
