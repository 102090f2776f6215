package io.jenkins.plugins.cloudflarepurge;

import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.PREFIX;
import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.TOKEN;
import static io.jenkins.plugins.cloudflarepurge.CloudflareStub.ZONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import hudson.model.Result;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The build's record of its purges: what {@code build.xml} holds and what a file beside it holds, one action per run
 * however many purges it makes, the pages and their text lists, the REST API, an abort, and old builds.
 */
@WithJenkins
class CloudflarePurgeActionITest {

    /** Registers {@link ChangesScm} for the Pipeline scripts of this class. */
    @TestExtension
    public static class ScmDescriptor extends ChangesScm.Descriptor {}

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

    /** {@code /p0.css} to {@code /p<count-1>.css}, one a line, as a Pipeline string literal. */
    private static String paths(int count) {
        StringBuilder paths = new StringBuilder();
        for (int i = 0; i < count; i++) {
            paths.append(i == 0 ? "" : "\\n").append("/p").append(i).append(".css");
        }
        return "'" + paths + "'";
    }

    private static String buildXml(WorkflowRun run) throws Exception {
        return Files.readString(run.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8);
    }

    @Test
    void buildXmlKeepsTheCountsAndAFileBesideItTheList() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "many");
        job.setDefinition(new CpsFlowDefinition("cloudflarePurge paths: " + paths(150), true));
        WorkflowRun run = j.buildAndAssertSuccess(job);
        assertEquals(150, cloudflare.purgedUrls().size());

        String xml = buildXml(run);
        assertTrue(xml.contains("<purged>150</purged>"), xml);
        assertFalse(xml.contains(PREFIX + "/p7.css"), "no URL in build.xml");
        assertFalse(xml.contains("cloudflarepurge.engine"), "no engine type in build.xml");
        assertFalse(xml.contains(TOKEN));
        Path list = run.getRootDir().toPath().resolve("cloudflare-purge/1.json");
        String stored = Files.readString(list, StandardCharsets.UTF_8);
        assertTrue(stored.contains(PREFIX + "/p149.css"), stored);
        assertFalse(stored.contains(TOKEN));

        CloudflarePurgeAction action = run.getAction(CloudflarePurgeAction.class);
        PurgeRecord purge = action.getPurges().get(0);
        assertEquals(1, purge.getNumber());
        assertEquals(150, purge.getPurged());
        assertEquals(ZONE, purge.getZoneId());
        assertEquals(List.of(PREFIX), purge.getUrlPrefixes());
        assertEquals("paths", purge.getTarget());
        assertEquals("SUCCESS", purge.getVerdict());
        assertFalse(purge.isDryRun());

        JenkinsRule.WebClient web = j.createWebClient();
        HtmlPage page = web.getPage(run, "cloudflare-purge/1/");
        assertEquals(
                PurgePage.LISTED_ON_PAGE,
                page.querySelectorAll("ul.cloudflare-purge-items li").size());
        String text = page.asNormalizedText();
        assertTrue(text.contains("The first 100 of 150 are listed here."), text);
        assertTrue(text.contains("Paths given"), text);
        assertFalse(text.contains("Changed files"), text);
        assertFalse(text.contains("Worked from"), text);

        Page items = web.goTo(run.getUrl() + "cloudflare-purge/1/items.txt", "text/plain");
        List<String> lines = items.getWebResponse().getContentAsString().lines().toList();
        assertEquals(150, lines.size());
        assertEquals(new TreeSet<>(lines), cloudflare.purgedUrls());
    }

    @Test
    void theItemsNotPurgedAreListedWithTheirReasonAndHoldNoToken() throws Exception {
        cloudflare.refuse(); // Cloudflare's error message echoes the token
        WorkflowJob job = j.createProject(WorkflowJob.class, "refused");
        job.setDefinition(new CpsFlowDefinition("cloudflarePurge onFailure: 'warn', paths: '/a.css\\n/b.css'", true));
        WorkflowRun run = j.buildAndAssertSuccess(job);

        PurgeRecord purge =
                run.getAction(CloudflarePurgeAction.class).getPurges().get(0);
        assertEquals("FAILED", purge.getVerdict());
        assertEquals(2, purge.getNotPurged());
        String stored =
                Files.readString(run.getRootDir().toPath().resolve("cloudflare-purge/1.json"), StandardCharsets.UTF_8);
        assertFalse(stored.contains(TOKEN), stored);
        assertFalse(buildXml(run).contains(TOKEN));

        JenkinsRule.WebClient web = j.createWebClient();
        String page = web.getPage(run, "cloudflare-purge/1/").asNormalizedText();
        assertTrue(page.contains("Not purged: 2"), page);
        assertTrue(page.contains("Nothing purged"), page);
        assertFalse(page.contains(TOKEN));
        String text = web.goTo(run.getUrl() + "cloudflare-purge/1/not-purged.txt", "text/plain")
                .getWebResponse()
                .getContentAsString();
        assertTrue(text.startsWith("# Not purged (2): "), text);
        assertTrue(text.contains(PREFIX + "/a.css\n") && text.contains(PREFIX + "/b.css\n"), text);
        assertFalse(text.contains(TOKEN), text);
    }

    @Test
    void theBuildPageSaysDryRunOnceAndListsOneUrlALine() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "dry");
        job.setDefinition(new CpsFlowDefinition("cloudflarePurge dryRun: true, paths: '/a.css\\n/b.css'", true));
        WorkflowRun run = j.buildAndAssertSuccess(job);
        assertTrue(cloudflare.purges().isEmpty());

        JenkinsRule.WebClient web = j.createWebClient();
        String buildPage = web.getPage(run).asNormalizedText();
        assertTrue(buildPage.contains("Cloudflare purge: Dry run: would purge"), buildPage);
        assertEquals(1, buildPage.split("(?i)dry run", -1).length - 1, buildPage);

        HtmlPage page = web.getPage(run, "cloudflare-purge/");
        List<String> listed = new ArrayList<>();
        page.querySelectorAll("ul.cloudflare-purge-items li").forEach(li -> listed.add(li.getTextContent()));
        assertEquals(List.of(PREFIX + "/a.css", PREFIX + "/b.css"), listed);
        String text = page.asNormalizedText();
        assertTrue(text.contains("Would purge: URLs (2)"), text);
        assertTrue(text.contains("Planned; nothing was sent"), text);
    }

    @Test
    void parallelBranchesShareOneActionWithNumberedPurges() throws Exception {
        cloudflare.acceptAfter(1_000); // both branches wait for Cloudflare at the same time, and record together
        WorkflowJob job = j.createProject(WorkflowJob.class, "parallel");
        job.setDefinition(new CpsFlowDefinition(
                "parallel a: { cloudflarePurge paths: '/a.css' }, b: { cloudflarePurge paths: '/b.css' }", true));
        WorkflowRun run = j.buildAndAssertSuccess(job);

        List<CloudflarePurgeAction> actions = run.getActions(CloudflarePurgeAction.class);
        assertEquals(1, actions.size());
        List<PurgeRecord> purges = actions.get(0).getPurges();
        assertEquals(2, purges.size());
        assertEquals(
                Set.of(1, 2), Set.of(purges.get(0).getNumber(), purges.get(1).getNumber()));

        JenkinsRule.WebClient web = j.createWebClient();
        TreeSet<String> listed = new TreeSet<>();
        for (int n = 1; n <= 2; n++) {
            String items = web.goTo(run.getUrl() + "cloudflare-purge/" + n + "/items.txt", "text/plain")
                    .getWebResponse()
                    .getContentAsString();
            listed.addAll(items.lines().toList());
        }
        assertEquals(new TreeSet<>(Set.of(PREFIX + "/a.css", PREFIX + "/b.css")), listed);
        String overview = web.getPage(run, "cloudflare-purge/").asNormalizedText();
        assertTrue(overview.contains("Cloudflare purge 1") && overview.contains("Cloudflare purge 2"), overview);
        String buildPage = web.getPage(run).asNormalizedText();
        assertTrue(buildPage.contains("Cloudflare purges"), buildPage);
    }

    @Test
    void theRestApiCarriesEachPurge() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "rest");
        job.setDefinition(new CpsFlowDefinition("cloudflarePurge paths: '/a.css\\n/b.css'", true));
        WorkflowRun run = j.buildAndAssertSuccess(job);

        JSONObject build = j.getJSON(run.getUrl() + "api/json").getJSONObject();
        JSONObject action = null;
        for (Object a : build.getJSONArray("actions")) {
            if (a instanceof JSONObject o
                    && CloudflarePurgeAction.class.getName().equals(o.optString("_class"))) {
                action = o;
            }
        }
        assertNotNull(action, build.toString(2));
        JSONArray purges = action.getJSONArray("purges");
        assertEquals(1, purges.size());
        JSONObject purge = purges.getJSONObject(0);
        assertEquals(ZONE, purge.getString("zoneId"));
        assertEquals("SUCCESS", purge.getString("verdict"));
        assertEquals("SUCCESS", purge.getString("outcome"));
        assertEquals(2, purge.getInt("purged"));
        assertEquals(0, purge.getInt("notPurged"));
        assertFalse(purge.getBoolean("dryRun"));
        assertEquals(List.of("purge-req-1"), List.copyOf(purge.getJSONArray("requestIds")));
        assertFalse(build.toString().contains(TOKEN));
    }

    @Test
    void theListsNeedReadPermissionOnTheJob() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "secret-site");
        job.setDefinition(new CpsFlowDefinition("cloudflarePurge paths: '/a.css'", true));
        WorkflowRun run = j.buildAndAssertSuccess(job);
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.READ, Item.DISCOVER)
                .everywhere()
                .to("outsider"));
        String items = run.getUrl() + "cloudflare-purge/1/items.txt";

        JenkinsRule.WebClient reader = j.createWebClient().login("reader");
        assertEquals(
                PREFIX + "/a.css\n",
                reader.goTo(items, "text/plain").getWebResponse().getContentAsString());
        JenkinsRule.WebClient outsider = j.createWebClient().login("outsider");
        outsider.assertFails(items, HttpURLConnection.HTTP_FORBIDDEN);
        outsider.assertFails(run.getUrl() + "cloudflare-purge/1/not-purged.txt", HttpURLConnection.HTTP_FORBIDDEN);
    }

    @Test
    void aPurgeThatEndsAfterAnAbortIsSavedWithTheFinishedRun() throws Exception {
        cloudflare.acceptAfter(3_000); // the answer arrives after the aborted run has finished
        WorkflowJob job = j.createProject(WorkflowJob.class, "aborted");
        job.setDefinition(new CpsFlowDefinition("cloudflarePurge paths: '/a.css'", true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        cloudflare.awaitPurgeRequest();
        run.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
        while (!buildXml(run).contains(CloudflarePurgeAction.class.getName())) {
            Thread.sleep(100); // the purge winds down (it waits for the answer on its way), then saves the run
        }

        j.jenkins.reload();
        WorkflowRun loaded =
                j.jenkins.getItemByFullName("aborted", WorkflowJob.class).getBuildByNumber(1);
        CloudflarePurgeAction action = loaded.getAction(CloudflarePurgeAction.class);
        assertNotNull(action, buildXml(loaded));
        PurgeRecord purge = action.getPurges().get(0);
        assertEquals("CANCELLED", purge.getVerdict());
        assertEquals("ABORTED", purge.getOutcome());
    }

    /** An action as the plugin's first builds wrote it: the engine's report itself, lists included. */
    private static String legacyAction(int number, String verdict, String item) {
        return """
                <io.jenkins.plugins.cloudflarepurge.CloudflarePurgeAction>
                  <report>
                    <zoneId>%1$s</zoneId>
                    <target>changes</target>
                    <mode>urls</mode>
                    <fallbackReason></fallbackReason>
                    <dryRun>false</dryRun>
                    <verdict>%2$s</verdict>
                    <outcome>SUCCESS</outcome>
                    <changedFiles>1</changedFiles>
                    <total>2</total>
                    <purged>1</purged>
                    <notPurged>1</notPurged>
                    <requests>1</requests>
                    <retries>0</retries>
                    <requestIds><string>old-req-%3$d</string></requestIds>
                    <items><string>%4$s</string></items>
                    <failures>
                      <io.jenkins.plugins.cloudflarepurge.engine.job.PurgeReport_-Failure>
                        <reason>Cloudflare refused it</reason>
                        <count>1</count>
                        <items><string>%4$s.old</string></items>
                      </io.jenkins.plugins.cloudflarepurge.engine.job.PurgeReport_-Failure>
                    </failures>
                    <runsIncluded/>
                    <durationMillis>1200</durationMillis>
                    <summary>Purged 1 URL in 1 request.</summary>
                  </report>
                  <number>%3$d</number>
                </io.jenkins.plugins.cloudflarepurge.CloudflarePurgeAction>
                """.formatted(ZONE, verdict, number, item);
    }

    @Test
    void aBuildXmlOfThePluginsFirstBuildsStillLoadsAndItsPurgesReachTheChangeHistory() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "old");
        job.setDefinition(new CpsFlowDefinition("echo 'deployed'", true));
        WorkflowRun old = j.buildAndAssertSuccess(job);
        Path file = old.getRootDir().toPath().resolve("build.xml");
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(xml.contains("<actions>"), xml);
        Files.writeString(
                file,
                xml.replace(
                        "<actions>",
                        "<actions>" + legacyAction(1, "SUCCESS", PREFIX + "/old.css")
                                + legacyAction(2, "FAILED", PREFIX + "/second.css")),
                StandardCharsets.UTF_8);
        j.jenkins.reload();
        job = j.jenkins.getItemByFullName("old", WorkflowJob.class);
        old = job.getBuildByNumber(1);

        List<CloudflarePurgeAction> actions = old.getActions(CloudflarePurgeAction.class);
        assertEquals(2, actions.size());
        PurgeRecord first = actions.get(0).getPurges().get(0);
        assertEquals(ZONE, first.getZoneId());
        assertEquals("SUCCESS", first.getVerdict());
        assertEquals(1, first.getPurged());
        assertEquals(List.of("old-req-1"), first.getRequestIds());
        assertEquals("cloudflare-purge", actions.get(0).getUrlName());
        assertEquals("cloudflare-purge-2", actions.get(1).getUrlName());
        assertEquals("Cloudflare purge 2", actions.get(1).getDisplayName());

        JenkinsRule.WebClient web = j.createWebClient();
        String page = web.getPage(old, "cloudflare-purge/").asNormalizedText();
        assertTrue(page.contains(PREFIX + "/old.css"), page);
        assertTrue(page.contains("Cloudflare refused it"), page);
        String second = web.getPage(old, "cloudflare-purge-2/2/").asNormalizedText();
        assertTrue(second.contains(PREFIX + "/second.css"), second);

        old.save();
        String resaved = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(resaved.contains("<report>"), resaved);
        assertFalse(resaved.contains(PREFIX + "/old.css"), resaved);
        assertTrue(
                Files.readString(old.getRootDir().toPath().resolve("cloudflare-purge/1.json"), StandardCharsets.UTF_8)
                        .contains(PREFIX + "/old.css"));

        // The old build's last purge of the changes failed, and an old record does not say which URL prefixes it
        // purged: it does not end the change history, so the next build falls back once and says why.
        job.setDefinition(new CpsFlowDefinition(
                "node { checkout([$class: 'ChangesScm', paths: ['css/site.css']]) }\ncloudflarePurge()", true));
        WorkflowRun next = j.buildAndAssertSuccess(job);
        assertTrue(cloudflare.purgedEverything(), cloudflare.bodies().toString());
        j.assertLogContains("No earlier run of this job purged the changes of zone " + ZONE, next);
        j.assertLogNotContains("first run", next);

        // Once a purge of the changes succeeded with its prefixes recorded, the history ends there.
        cloudflare.forgetRequests();
        job.setDefinition(new CpsFlowDefinition(
                "node { checkout([$class: 'ChangesScm', paths: ['css/next.css']]) }\ncloudflarePurge()", true));
        j.buildAndAssertSuccess(job);
        assertEquals(new TreeSet<>(Set.of(PREFIX + "/css/next.css")), cloudflare.purgedUrls());
    }
}
