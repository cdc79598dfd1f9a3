package uk.cpis.fhir.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.cpis.fhir.contract.CpisContract.Operations;

/**
 * The access policy of CP-IS as data, in one place: for each role, each resource type it may touch, the
 * interactions allowed, which records (any, its own, a child it found…), and for searches the exact parameters,
 * modifiers and {@code _include}s allowed. Anything not listed here is refused: a chain, {@code _has},
 * an unlisted {@code :iterate}, {@code _filter}, an unlisted parameter, type, interaction or operation.
 *
 * <p>The request guard ({@link RequestPolicyGuard}) holds each request to the parameters listed; the
 * authorisation rules ({@link CpisAuthorizationInterceptor}) are built from the same grants and check every record
 * read or written, whichever path reaches it. The guide's security page prints {@link #markdownTable()}.
 */
public final class AccessPolicy {

    /** Who is asking: a role of a valid token, or nobody (no token, or a token without a known role). */
    public enum Caller {
        ANONYMOUS("anyone, even without a token"),
        CLINICIAN("clinician"),
        LOCAL_AUTHORITY("local-authority"),
        AUDITOR("auditor"),
        ADMIN("admin");

        final String label;

        Caller(String label) {
            this.label = label;
        }

        static Caller of(Optional<CallerClaims> claims) {
            return claims.map(c -> switch (c.role()) {
                case CLINICIAN -> CLINICIAN;
                case LOCAL_AUTHORITY -> LOCAL_AUTHORITY;
                case AUDITOR -> AUDITOR;
                case ADMIN -> ADMIN;
            }).orElse(ANONYMOUS);
        }
    }

    /** What may be done to a resource type. */
    public enum Interaction { READ, SEARCH, CREATE, UPDATE, DELETE }

    /** Which records of a type a grant covers; checked on every record read or written, by the authorisation rules. */
    public enum Records {
        ANY("any"),
        OWN("its own LA's only¹"),
        OWN_ODS_CODE("its own (ODS code of the token)"),
        OF_OWN_PLANS("children of its own plans and flags only"),
        FOUND_CHILD("a child this user found by NHS number within the window");

        final String description;

        Records(String description) {
            this.description = description;
        }
    }

    /** How a search parameter's value is checked. */
    public enum Value { ANY, NHS_NUMBER }

    /** What a caller may send in bundles. */
    public enum Bundles { NONE, READS_ONLY, SUBMISSIONS_ONLY, ANY }

    /**
     * One resource type's grant to a caller.
     *
     * @param parameters search parameters allowed, exactly as sent (a modifier or chain is part of the name)
     * @param required parameters of which every search must carry one (with its value check); empty if none
     * @param includes {@code _include} values allowed (never {@code :recurse})
     * @param iterateIncludes {@code _include:iterate} values allowed: each names a reference of a resource another
     *     listed include brought in (a plan's social worker), and HAPI's rules check every resource it adds
     * @param sorts {@code _sort} values allowed
     * @param writesInBundleOnly true when writes reach this type only as entries of a submission bundle
     */
    public record Grant(String type, Set<Interaction> interactions, Records records, Map<String, Value> parameters,
            Set<String> required, Set<String> includes, Set<String> iterateIncludes, Set<String> sorts,
            boolean writesInBundleOnly) {

        boolean allows(Interaction interaction) {
            return interactions.contains(interaction);
        }
    }

    /**
     * An operation a caller may invoke: on a type ({@code "*"}: any type), or the server ({@code type} null);
     * never on a stored record, which would reach it past the record checks (e.g. {@code Flag/1/$validate}).
     */
    public record OperationGrant(String name, String type, Map<String, Value> parameters, String required) {}

    /** Everything one caller may do. {@code everything}: the admin's grant, all but what {@link #NEVER} lists. */
    public record CallerPolicy(Caller caller, boolean everything, Map<String, Grant> grants,
            List<OperationGrant> operations, Bundles bundles, boolean history) {

        Optional<Grant> grant(String type) {
            return Optional.ofNullable(grants.get(type));
        }
    }

    /** Parameters that only shape the answer; any search may carry them. */
    static final Set<String> SHAPING = Set.of("_count", "_offset", "_format", "_pretty", "_summary", "_elements", "_total");
    /** Parameters of a read by id. */
    static final Set<String> READ_PARAMETERS = Set.of("_format", "_pretty", "_summary", "_elements");
    /** Parameters of a page of a stored search (which search is bound to the caller who made it). */
    static final Set<String> PAGE_PARAMETERS = Set.of("_getpages", "_getpagesoffset", "_count", "_format", "_pretty", "_bundletype");
    /** Refused to every caller, admin included: records leave only by the retention job. */
    static final Set<String> NEVER = Set.of("$expunge");

    /** The published conformance resources, open to anyone. */
    static final List<String> CONFORMANCE_TYPES = uk.cpis.fhir.contract.CpisContract.CONFORMANCE_TYPES;

    private static final String NHS = "an exact NHS number²";

    /** A plan's social worker, post and team, as a Flag lookup includes them from the plan. */
    static final String[] STAFF_INCLUDES = {"EpisodeOfCare:care-manager", "EpisodeOfCare:care-manager-role", "EpisodeOfCare:team"};

    private final Map<Caller, CallerPolicy> policies;

    private AccessPolicy(Map<Caller, CallerPolicy> policies) {
        this.policies = policies;
    }

    /** The policy of CP-IS. */
    public static AccessPolicy cpis() {
        Map<Caller, CallerPolicy> policies = new LinkedHashMap<>();
        policies.put(Caller.ANONYMOUS, new Builder(Caller.ANONYMOUS).conformance().build(Bundles.NONE, false));

        Builder clinician = new Builder(Caller.CLINICIAN).conformance().validate();
        clinician.grant("Flag", Records.FOUND_CHILD, EnumSet.of(Interaction.READ, Interaction.SEARCH))
                .lookup("patient.identifier", "patient:Patient.identifier")
                .includes("Flag:author", "Flag:subject", "Flag:patient", "Flag:detail")
                // The plan's social worker, post and team, from the plan Flag:detail brought in.
                .iterateIncludes(STAFF_INCLUDES);
        clinician.grant("EpisodeOfCare", Records.FOUND_CHILD, EnumSet.of(Interaction.READ, Interaction.SEARCH))
                .lookup("patient.identifier", "patient:Patient.identifier")
                .includes("EpisodeOfCare:patient", "EpisodeOfCare:organization", "EpisodeOfCare:care-manager",
                        "EpisodeOfCare:care-manager-role", "EpisodeOfCare:team");
        clinician.grant("Patient", Records.FOUND_CHILD, EnumSet.of(Interaction.READ, Interaction.SEARCH))
                .lookup("identifier");
        clinician.grant("Organization", Records.ANY, EnumSet.of(Interaction.READ));
        // Social workers, their posts and teams: staff work contacts, not a child's data.
        clinician.grant("Practitioner", Records.ANY, EnumSet.of(Interaction.READ));
        clinician.grant("PractitionerRole", Records.ANY, EnumSet.of(Interaction.READ));
        clinician.grant("CareTeam", Records.ANY, EnumSet.of(Interaction.READ));
        clinician.accessHistory();
        policies.put(Caller.CLINICIAN, clinician.build(Bundles.READS_ONLY, false));

        Builder la = new Builder(Caller.LOCAL_AUTHORITY).conformance().validate();
        la.grant("Flag", Records.OWN, EnumSet.of(Interaction.READ, Interaction.SEARCH, Interaction.CREATE, Interaction.UPDATE))
                .inBundleOnly()
                .parameters("identifier", "date", "patient", "subject", "patient.identifier", "_id", "_lastUpdated")
                .includes("Flag:author", "Flag:subject", "Flag:patient", "Flag:detail")
                .sorts("_id", "_lastUpdated", "date");
        la.grant("EpisodeOfCare", Records.OWN, EnumSet.of(Interaction.READ, Interaction.SEARCH, Interaction.CREATE, Interaction.UPDATE))
                .inBundleOnly()
                .parameters("identifier", "status", "type", "date", "patient", "patient.identifier", "_id", "_lastUpdated")
                .includes("EpisodeOfCare:patient", "EpisodeOfCare:organization", "EpisodeOfCare:care-manager",
                        "EpisodeOfCare:care-manager-role", "EpisodeOfCare:team")
                .sorts("_id", "_lastUpdated", "date");
        la.grant("Communication", Records.OWN, EnumSet.of(Interaction.READ, Interaction.SEARCH))
                .parameters("sent", "status", "recipient", "subject", "subject.identifier", "_id", "_lastUpdated")
                .sorts("_id", "_lastUpdated", "sent");
        la.grant("Patient", Records.OF_OWN_PLANS, EnumSet.of(Interaction.READ, Interaction.CREATE)).inBundleOnly();
        la.grant("Organization", Records.OWN_ODS_CODE, EnumSet.of(Interaction.READ, Interaction.CREATE)).inBundleOnly();
        // Its social workers, their posts and its teams: sent in its submissions, each keyed by its own identifier.
        for (String staff : List.of("Practitioner", "PractitionerRole", "CareTeam")) {
            la.grant(staff, Records.OWN, EnumSet.of(Interaction.READ, Interaction.SEARCH, Interaction.CREATE, Interaction.UPDATE))
                    .inBundleOnly()
                    .parameters("identifier", "_id", "_lastUpdated")
                    .sorts("_id", "_lastUpdated");
        }
        // Written by the server itself for each submission, in the submission's own transaction (agent: the LA).
        la.grant("Provenance", Records.OWN, EnumSet.of(Interaction.READ, Interaction.CREATE)).inBundleOnly();
        la.grant("Subscription", Records.OWN, EnumSet.of(Interaction.READ, Interaction.CREATE, Interaction.UPDATE,
                Interaction.DELETE));
        la.operations.add(new OperationGrant(Operations.SUBMIT_FILE, null, Map.of(), null));
        policies.put(Caller.LOCAL_AUTHORITY, la.build(Bundles.SUBMISSIONS_ONLY, false));

        Builder auditor = new Builder(Caller.AUDITOR).conformance().validate();
        auditor.grant("AuditEvent", Records.ANY, EnumSet.of(Interaction.READ, Interaction.SEARCH))
                .parameters("date", "type", "subtype", "action", "outcome", "entity", "entity-identifier",
                        "agent-identifier", "agent-role", "patient", "agent", "_id", "_lastUpdated")
                .sorts("_id", "_lastUpdated", "date");
        auditor.grant("Communication", Records.ANY, EnumSet.of(Interaction.READ, Interaction.SEARCH))
                .parameters("sent", "status", "recipient", "subject", "subject.identifier", "_id", "_lastUpdated")
                .sorts("_id", "_lastUpdated", "sent");
        auditor.grant("Provenance", Records.ANY, EnumSet.of(Interaction.READ, Interaction.SEARCH))
                .parameters("target", "recorded", "agent", "patient", "_id", "_lastUpdated")
                .sorts("_id", "_lastUpdated", "recorded");
        auditor.accessHistory();
        policies.put(Caller.AUDITOR, auditor.build(Bundles.NONE, false));

        Builder admin = new Builder(Caller.ADMIN).conformance().validate();
        admin.operations.add(new OperationGrant(Operations.APPLY_RETENTION, null, Map.of(), null));
        policies.put(Caller.ADMIN, new CallerPolicy(Caller.ADMIN, true, admin.grants, admin.operations, Bundles.ANY, true));
        return new AccessPolicy(policies);
    }

    public CallerPolicy of(Caller caller) {
        return policies.get(caller);
    }

    /** The policy as a Markdown table, one row per caller and type, as the guide's security page prints it. */
    public String markdownTable() {
        StringBuilder table = new StringBuilder("| caller | resource | may | which records | search parameters (exactly these) | `_include` |\n"
                + "|---|---|---|---|---|---|\n");
        for (CallerPolicy policy : policies.values()) {
            String who = policy.caller().label;
            if (policy.everything()) {
                table.append("| ").append(who).append(" | every type | everything, history, any bundle, any parameter")
                        .append(" | any | any | any |\n");
            }
            for (Grant grant : policy.grants().values()) {
                if (policy.everything() || CONFORMANCE_TYPES.contains(grant.type()) && policy.caller() != Caller.ANONYMOUS) {
                    continue;
                }
                List<String> may = new ArrayList<>();
                grant.interactions().forEach(i -> may.add(i.name().toLowerCase()));
                String mayText = String.join(", ", may) + (grant.writesInBundleOnly() && grant.interactions().stream()
                        .anyMatch(i -> i == Interaction.CREATE || i == Interaction.UPDATE) ? " (writes in a submission bundle only)" : "");
                List<String> parameters = new ArrayList<>();
                grant.parameters().forEach((name, value) -> parameters.add("`" + name + "`"
                        + (value == Value.NHS_NUMBER ? " (" + NHS + ")" : "")));
                if (!grant.sorts().isEmpty()) {
                    parameters.add("`_sort` (" + String.join(", ", grant.sorts().stream().sorted().toList()) + ", or `-` before one)");
                }
                table.append("| ").append(who).append(" | ").append(grant.type()).append(" | ").append(mayText)
                        .append(" | ").append(grant.records().description)
                        .append(" | ").append(grant.allows(Interaction.SEARCH) ? (parameters.isEmpty() ? "shaping only" : String.join(", ", parameters)) : "no search")
                        .append(" | ").append(grant.includes().isEmpty() ? "none" : String.join(", ", grant.includes().stream().map(i -> "`" + i + "`").toList()))
                        .append(grant.iterateIncludes().isEmpty() ? "" : "; `_include:iterate`: " + String.join(", ", grant.iterateIncludes().stream().map(i -> "`" + i + "`").toList()))
                        .append(" |\n");
            }
            for (OperationGrant operation : policy.operations()) {
                if (operation.name().equals("$validate") && policy.caller() != Caller.CLINICIAN) {
                    continue;
                }
                table.append("| ").append(policy.caller() == Caller.CLINICIAN && operation.name().equals("$validate") ? "every role with a token" : who)
                        .append(" | ").append(operation.type() == null ? "server" : operation.type().equals("*") ? "any type (resource in the body)" : operation.type())
                        .append(" | `").append(operation.name()).append("`")
                        .append(" | ").append(operation.required() == null ? "any" : "the child named")
                        .append(" | ").append(operation.required() == null ? "—" : "`" + operation.required() + "` (" + NHS + ")")
                        .append(" | none |\n");
            }
            String bundles = switch (policy.bundles()) {
                case NONE -> null;
                case READS_ONLY -> "transaction or batch of GET entries, each allowed on its own";
                case SUBMISSIONS_ONLY -> "transaction or batch submission (no GET entries), each entry checked as above";
                case ANY -> null;
            };
            if (bundles != null) {
                table.append("| ").append(who).append(" | Bundle | ").append(bundles).append(" | as above | — | — |\n");
            }
        }
        table.append("| every role | page of a search | `_getpages` | only the same issuer, user and role that ran the search | ")
                .append(String.join(", ", PAGE_PARAMETERS.stream().sorted().map(p -> "`" + p + "`").toList())).append(" | — |\n");
        table.append("| every role | any | shaping parameters on any allowed search | — | ")
                .append(String.join(", ", SHAPING.stream().sorted().map(p -> "`" + p + "`").toList())).append(" | — |\n");
        table.append("| nobody, admin included | server | `$expunge` | — | — | — |\n");
        table.append("\n¹ A Flag it authored, a plan it manages, a notification addressed to it, the Provenance of its"
                + " submission, a subscription to its own notifications, a social worker whose staff identifier it assigned,"
                + " a post (PractitionerRole) or team it runs; for a write, both the stored version and the new one.\n"
                + "² `https://fhir.nhs.uk/Id/nhs-number` and a valid 10-digit NHS number; the parameter is required.\n");
        return table.toString();
    }

    /** Builds one caller's grants; reads as the table it makes. */
    private static final class Builder {
        private final Caller caller;
        private final Map<String, Grant> grants = new LinkedHashMap<>();
        private final List<OperationGrant> operations = new ArrayList<>();

        Builder(Caller caller) {
            this.caller = caller;
        }

        Builder conformance() {
            for (String type : CONFORMANCE_TYPES) {
                grant(type, Records.ANY, EnumSet.of(Interaction.READ, Interaction.SEARCH))
                        .parameters("url", "version", "name", "status", "_id")
                        .sorts();
            }
            return this;
        }

        Builder validate() {
            operations.add(new OperationGrant("$validate", "*", Map.of("profile", Value.ANY, "mode", Value.ANY), null));
            return this;
        }

        void accessHistory() {
            operations.add(new OperationGrant(Operations.ACCESS_HISTORY, "Patient", Map.of("identifier", Value.NHS_NUMBER), "identifier"));
        }

        GrantBuilder grant(String type, Records records, Set<Interaction> interactions) {
            return new GrantBuilder(this, type, records, interactions);
        }

        CallerPolicy build(Bundles bundles, boolean history) {
            return new CallerPolicy(caller, false, grants, operations, bundles, history);
        }
    }

    /** One grant under construction; each call replaces the grant in its builder. */
    private static final class GrantBuilder {
        private final Builder owner;
        private final String type;
        private final Records records;
        private final Set<Interaction> interactions;
        private final Map<String, Value> parameters = new LinkedHashMap<>();
        private Set<String> required = Set.of();
        private Set<String> includes = Set.of();
        private Set<String> iterateIncludes = Set.of();
        private Set<String> sorts = Set.of();
        private boolean inBundleOnly;

        GrantBuilder(Builder owner, String type, Records records, Set<Interaction> interactions) {
            this.owner = owner;
            this.type = type;
            this.records = records;
            this.interactions = interactions;
            store();
        }

        GrantBuilder parameters(String... names) {
            for (String name : names) {
                parameters.put(name, Value.ANY);
            }
            return store();
        }

        /** A lookup by exact NHS number: every search of this type carries one of these parameters (spellings of one). */
        GrantBuilder lookup(String... spellings) {
            for (String parameter : spellings) {
                parameters.put(parameter, Value.NHS_NUMBER);
            }
            required = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(spellings)));
            return store();
        }

        GrantBuilder includes(String... values) {
            includes = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
            return store();
        }

        GrantBuilder iterateIncludes(String... values) {
            iterateIncludes = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
            return store();
        }

        GrantBuilder sorts(String... values) {
            sorts = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
            return store();
        }

        GrantBuilder inBundleOnly() {
            inBundleOnly = true;
            return store();
        }

        private GrantBuilder store() {
            owner.grants.put(type, new Grant(type, Collections.unmodifiableSet(EnumSet.copyOf(interactions)), records,
                    Collections.unmodifiableMap(new LinkedHashMap<>(parameters)), required, includes, iterateIncludes, sorts,
                    inBundleOnly));
            return this;
        }
    }
}
