package io.jenkins.plugins.cloudflarepurge;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.cloudflarepurge.engine.PurgeScope;
import io.jenkins.plugins.cloudflarepurge.engine.client.InvalidInputException;
import io.jenkins.plugins.cloudflarepurge.engine.client.PurgeInputs;
import io.jenkins.plugins.cloudflarepurge.engine.job.FailurePolicy;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeArguments;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeSettings;
import io.jenkins.plugins.cloudflarepurge.engine.job.Variants;
import io.jenkins.plugins.cloudflarepurge.engine.planning.InvalidSettingException;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PlannerSettings;
import io.jenkins.plugins.cloudflarepurge.engine.planning.PurgePlanner;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * The form validation and drop-downs that the step's and the post-build action's descriptors share. The rules are
 * the engine's, so a form says what a build would. Only the credential methods check permissions, as the Credentials
 * plugin's consumer guide says; the other checks parse nothing but their own values and the drop-downs are fixed
 * lists, so that read-only users of the Snippet Generator and of Manage Jenkins get working forms.
 */
final class PurgeForms {

    private PurgeForms() {}

    /** A text field's value: trimmed, line ends as {@code \n} (browsers send {@code \r\n}), null when blank. */
    @CheckForNull
    static String text(@CheckForNull String value) {
        String text = Util.fixEmptyAndTrim(value);
        return text == null ? null : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    static FormValidation toValidation(Optional<String> problem) {
        return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    /** Whether the user may see the credentials of the context (the consumer guide's rule). */
    private static boolean maySeeCredentials(@CheckForNull Item item) {
        return item == null
                ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /**
     * The Secret text credentials a build of the item could use (without an item: those of Jenkins that builds
     * may use); only the current value for a user who may not see them.
     */
    static ListBoxModel fillCredentialsIdItems(@CheckForNull Item item, @CheckForNull String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = credentialsId == null ? "" : credentialsId;
        if (!maySeeCredentials(item)) {
            result.includeCurrentValue(current);
            return result;
        }
        result.includeEmptyValue();
        List<DomainRequirement> requirements = CredentialsLookup.requirements();
        if (item == null) {
            result.includeMatchingAs(
                    ACL.SYSTEM2,
                    Jenkins.get(),
                    StringCredentials.class,
                    requirements,
                    CredentialsLookup.usableByBuilds());
        } else {
            result.includeMatchingAs(
                    authentication(item), item, StringCredentials.class, requirements, CredentialsMatchers.always());
        }
        result.includeCurrentValue(current);
        return result;
    }

    static FormValidation checkCredentialsId(@CheckForNull Item item, @CheckForNull String value) {
        if (!maySeeCredentials(item)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            String fallback = CloudflarePurgeConfiguration.get().getCredentialsId();
            return fallback == null
                    ? FormValidation.warning(Messages.Credentials_NoDefault())
                    : FormValidation.ok(Messages.Credentials_DefaultUsed(fallback));
        }
        if (id.startsWith("${") && id.endsWith("}")) {
            return FormValidation.warning(Messages.Credentials_Expression());
        }
        List<DomainRequirement> requirements = CredentialsLookup.requirements();
        boolean missing = item == null
                ? CredentialsProvider.listCredentialsInItemGroup(
                                StringCredentials.class,
                                Jenkins.get(),
                                ACL.SYSTEM2,
                                requirements,
                                CredentialsMatchers.allOf(
                                        CredentialsMatchers.withId(id), CredentialsLookup.usableByBuilds()))
                        .isEmpty()
                : CredentialsProvider.listCredentialsInItem(
                                StringCredentials.class,
                                item,
                                authentication(item),
                                requirements,
                                CredentialsMatchers.withId(id))
                        .isEmpty();
        if (!missing) {
            return FormValidation.ok();
        }
        return item == null && CredentialsLookup.isSystemScoped(id, requirements)
                ? FormValidation.error(Messages.Credentials_SystemScoped())
                : FormValidation.error(Messages.Credentials_NotFound());
    }

    /** Whom a build of the item runs as: its credentials are the ones it can use. */
    private static Authentication authentication(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    /** A job's zone ID: blank falls back to the global default when there is one. */
    static FormValidation checkZoneId(@CheckForNull String value) {
        if (Util.fixEmptyAndTrim(value) == null) {
            String fallback = CloudflarePurgeConfiguration.get().getZoneId();
            return fallback == null
                    ? FormValidation.warning(Messages.Form_ZoneId_NoDefault())
                    : FormValidation.ok(Messages.Form_ZoneId_Default(fallback));
        }
        return checkZoneIdValue(value);
    }

    /** A zone ID as typed; blank is fine (unset). */
    static FormValidation checkZoneIdValue(@CheckForNull String value) {
        return Util.fixEmptyAndTrim(value) == null
                ? FormValidation.ok()
                : toValidation(PurgeInputs.zoneIdProblem(value));
    }

    /** A job's URL prefixes: blank falls back to the global ones, for the global zone only. */
    static FormValidation checkUrlPrefixes(@CheckForNull String value) {
        if (PurgeSettings.values(value, false).isEmpty()) {
            return PurgeSettings.values(CloudflarePurgeConfiguration.get().getUrlPrefixes(), false)
                            .isEmpty()
                    ? FormValidation.ok(Messages.Form_UrlPrefixes_NoDefault())
                    : FormValidation.ok(Messages.Form_UrlPrefixes_Default());
        }
        return checkUrlPrefixValues(value);
    }

    static FormValidation checkUrlPrefixValues(@CheckForNull String value) {
        List<String> prefixes = PurgeSettings.values(value, false);
        for (String prefix : prefixes) {
            Optional<String> problem = PlannerSettings.checkPrefix(prefix);
            if (problem.isPresent()) {
                return FormValidation.error(problem.get());
            }
        }
        return FormValidation.ok();
    }

    static FormValidation checkSourceRoot(@CheckForNull String value) {
        return toValidation(PlannerSettings.checkSourceRoot(value));
    }

    /** The folder's path; and that it is not given with a source root, which the build would refuse too. */
    static FormValidation checkSiteDirectory(@CheckForNull String value, @CheckForNull String sourceRoot) {
        if (Util.fixEmptyAndTrim(value) != null && Util.fixEmptyAndTrim(sourceRoot) != null) {
            return FormValidation.error(Messages.Form_SiteDirectory_WithSourceRoot());
        }
        return toValidation(PurgeSettings.checkSiteDirectory(value));
    }

    /** A repository filter reads changelogs: with a site directory there are none to filter. */
    static FormValidation checkRepository(@CheckForNull String value, @CheckForNull String siteDirectory) {
        if (Util.fixEmptyAndTrim(value) != null && Util.fixEmptyAndTrim(siteDirectory) != null) {
            return FormValidation.error(Messages.Form_Repository_WithSiteDirectory());
        }
        return FormValidation.ok();
    }

    static FormValidation checkPatterns(@CheckForNull String value, @CheckForNull String sourceRoot) {
        return toValidation(PlannerSettings.checkPatterns(value, sourceRoot));
    }

    static FormValidation checkIndexDocuments(@CheckForNull String value) {
        return toValidation(PlannerSettings.checkIndexDocuments(value == null ? "" : value));
    }

    static FormValidation checkExtraUrls(@CheckForNull String value) {
        for (String line : PurgeSettings.lines(value)) {
            Optional<String> problem = PlannerSettings.checkExtraPath(line);
            if (problem.isPresent()) {
                return FormValidation.error(problem.get());
            }
        }
        return FormValidation.ok();
    }

    static FormValidation checkVariants(@CheckForNull String value) {
        return toValidation(Variants.check(value));
    }

    static FormValidation checkExplicit(PurgeScope.Kind kind, @CheckForNull String value) {
        List<String> values =
                kind == PurgeScope.Kind.TAGS ? PurgeSettings.values(value, true) : PurgeSettings.values(value, false);
        if (values.isEmpty()) {
            return FormValidation.ok();
        }
        try {
            new PurgePlanner().planExplicit(kind, values);
            return FormValidation.ok();
        } catch (InvalidSettingException | InvalidInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation checkPaths(@CheckForNull String value) {
        for (String line : PurgeSettings.lines(value)) {
            Optional<String> problem = PlannerSettings.checkExtraPath(line);
            if (problem.isPresent()) {
                return FormValidation.error(problem.get());
            }
        }
        return FormValidation.ok();
    }

    static FormValidation checkMaxUrls(@CheckForNull String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        try {
            return toValidation(PlannerSettings.checkMaxUrls(Integer.parseInt(text)));
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.Form_NotAWholeNumber(text));
        }
    }

    static ListBoxModel fallbackItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.Form_Fallback_Everything(), "everything");
        items.add(Messages.Form_Fallback_Hosts(), "hosts");
        items.add(Messages.Form_Fallback_Prefixes(), "prefixes");
        items.add(Messages.Form_Fallback_Skip(), "skip");
        return items;
    }

    static ListBoxModel onFailureItems() {
        ListBoxModel items = new ListBoxModel();
        items.add(Messages.Form_OnFailure_Fail(), FailurePolicy.FAIL.argument());
        items.add(Messages.Form_OnFailure_Unstable(), FailurePolicy.UNSTABLE.argument());
        items.add(Messages.Form_OnFailure_Warn(), FailurePolicy.WARN.argument());
        return items;
    }

    /** The argument names of every field the step and the post-build action share, for help redirects and tests. */
    private static final List<String> SHARED_FIELDS = List.of(
            PurgeArguments.CREDENTIALS_ID,
            PurgeArguments.ZONE_ID,
            PurgeArguments.URL_PREFIXES,
            PurgeArguments.PURGE_EVERYTHING,
            PurgeArguments.SOURCE_ROOT,
            PurgeArguments.SITE_DIRECTORY,
            PurgeArguments.REPOSITORY,
            PurgeArguments.INCLUDES,
            PurgeArguments.EXCLUDES,
            PurgeArguments.INDEX_DOCUMENTS,
            PurgeArguments.PURGE_DIRECTORY_WITHOUT_SLASH,
            PurgeArguments.EXTRA_URLS,
            PurgeArguments.VARIANTS,
            PurgeArguments.TAGS,
            PurgeArguments.HOSTS,
            PurgeArguments.PREFIXES,
            PurgeArguments.PATHS,
            PurgeArguments.MAX_URLS,
            PurgeArguments.FALLBACK,
            PurgeArguments.DRY_RUN,
            PurgeArguments.ON_FAILURE);

    static List<String> sharedFields() {
        return SHARED_FIELDS;
    }
}
