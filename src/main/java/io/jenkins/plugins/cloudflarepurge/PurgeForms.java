package io.jenkins.plugins.cloudflarepurge;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
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
 * The form validation and drop-downs that the step's and the post-build action's descriptors share. Each public
 * method first checks that the user may configure the context: {@link Jenkins#ADMINISTER} without an item,
 * {@link Item#CONFIGURE} with one (credential drop-downs as in the Credentials plugin's consumer guide). The rules
 * themselves are the engine's, so a form says what a build would.
 */
final class PurgeForms {

    private PurgeForms() {}

    /** A text field's value: trimmed, line ends as {@code \n} (browsers send {@code \r\n}), null when blank. */
    @CheckForNull
    static String text(@CheckForNull String value) {
        String text = Util.fixEmptyAndTrim(value);
        return text == null ? null : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Throws {@code AccessDeniedException3} (HTTP 403) unless the user may configure the context. */
    static void checkConfigure(@CheckForNull Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }

    static FormValidation toValidation(Optional<String> problem) {
        return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    static ListBoxModel fillCredentialsIdItems(@CheckForNull Item item, @CheckForNull String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        String current = credentialsId == null ? "" : credentialsId;
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            result.includeCurrentValue(current);
            return result;
        }
        result.includeEmptyValue();
        if (item == null) {
            result.includeMatchingAs(
                    ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of(), CredentialsMatchers.always());
        } else {
            result.includeMatchingAs(
                    authentication(item), item, StringCredentials.class, List.of(), CredentialsMatchers.always());
        }
        result.includeCurrentValue(current);
        return result;
    }

    static FormValidation checkCredentialsId(@CheckForNull Item item, @CheckForNull String value) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else if (!item.hasPermission(Item.EXTENDED_READ) && !item.hasPermission(CredentialsProvider.USE_ITEM)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return FormValidation.ok(Messages.Credentials_DefaultUsed());
        }
        if (id.startsWith("${") && id.endsWith("}")) {
            return FormValidation.warning(Messages.Credentials_Expression());
        }
        boolean missing = item == null
                ? CredentialsProvider.listCredentialsInItemGroup(
                                StringCredentials.class,
                                Jenkins.get(),
                                ACL.SYSTEM2,
                                List.of(),
                                CredentialsMatchers.withId(id))
                        .isEmpty()
                : CredentialsProvider.listCredentialsInItem(
                                StringCredentials.class,
                                item,
                                authentication(item),
                                List.of(),
                                CredentialsMatchers.withId(id))
                        .isEmpty();
        return missing ? FormValidation.error(Messages.Credentials_NotFound()) : FormValidation.ok();
    }

    /** Whom a build of the item runs as: its credentials are the ones it can use. */
    private static Authentication authentication(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }

    /** @param global whether this is the global default (blank is then simply unset) */
    static FormValidation checkZoneId(@CheckForNull String value, boolean global) {
        if (Util.fixEmptyAndTrim(value) == null) {
            return global ? FormValidation.ok() : FormValidation.ok(Messages.Form_ZoneId_Default());
        }
        return toValidation(PurgeInputs.zoneIdProblem(value));
    }

    static FormValidation checkUrlPrefixes(@CheckForNull String value, boolean global) {
        List<String> prefixes = PurgeSettings.values(value, false);
        if (prefixes.isEmpty()) {
            return global ? FormValidation.ok() : FormValidation.ok(Messages.Form_UrlPrefixes_Default());
        }
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
            return FormValidation.error("'" + text + "' is not a whole number.");
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
