package uk.cpis.fhir.contract;

/**
 * The CP-IS contract as Java constants: canonical URLs of the published conformance resources, identifier
 * systems and codes. The resources themselves live once, in {@code fhir-profiles/}; this class only names them.
 */
public final class CpisContract {

    private CpisContract() {}

    /** Canonical base of every CP-IS conformance resource. */
    public static final String CANONICAL_BASE = "https://fhir.cpis.uk";

    /** Name of the NPM FHIR package the server installs and publishes ({@code fhir-profiles/package}). */
    public static final String PACKAGE_NAME = "uk.cpis.fhir";

    /**
     * The kinds of conformance resource the package publishes: the server installs these from it, anyone may read
     * and search them (no token), and each has a page in the guide.
     */
    public static final java.util.List<String> CONFORMANCE_TYPES =
            java.util.List.of("StructureDefinition", "ValueSet", "CodeSystem", "SearchParameter", "OperationDefinition");

    /** The package's ImplementationGuide resource ({@code fhir-profiles/package/ImplementationGuide-uk.cpis.fhir.json}). */
    public static final String IMPLEMENTATION_GUIDE = CANONICAL_BASE + "/ImplementationGuide/" + PACKAGE_NAME;

    /** Profiles, by the ids given in {@code fhir-profiles/input/fsh}. */
    public static final class Profiles {
        private Profiles() {}

        private static final String BASE = CANONICAL_BASE + "/StructureDefinition/";
        public static final String FLAG = BASE + "cpis-flag";
        public static final String EPISODE_OF_CARE = BASE + "cpis-episode-of-care";
        public static final String PATIENT = BASE + "cpis-patient";
        public static final String LOCAL_AUTHORITY = BASE + "cpis-local-authority";
        public static final String ACCESS_NOTIFICATION = BASE + "cpis-access-notification";
        public static final String ACCESS_AUDIT = BASE + "cpis-access-audit";
        public static final String SUBMISSION = BASE + "cpis-submission";
        /** The child's social worker (Practitioner), keyed by the LA's staff identifier. */
        public static final String SOCIAL_WORKER = BASE + "cpis-social-worker";
        /** The social worker's post at the LA (PractitionerRole): the worker's work phone and e-mail. */
        public static final String SOCIAL_WORKER_ROLE = BASE + "cpis-social-worker-role";
        /** The LA's social work team (CareTeam), keyed by the LA's team identifier. */
        public static final String SOCIAL_WORK_TEAM = BASE + "cpis-social-work-team";
    }

    /** Extensions defined by CP-IS, and the core one it uses. */
    public static final class Extensions {
        private Extensions() {}

        public static final String EXPECTED_DELIVERY_DATE =
                CANONICAL_BASE + "/StructureDefinition/cpis-expected-delivery-date";
        public static final String CONTACT_POINT_PURPOSE =
                CANONICAL_BASE + "/StructureDefinition/cpis-contact-point-purpose";
        public static final String FLAG_DETAIL = "http://hl7.org/fhir/StructureDefinition/flag-detail";
        /** On a plan: the allocated social worker's PractitionerRole (R4's careManager names only the Practitioner). */
        public static final String CARE_MANAGER_ROLE = CANONICAL_BASE + "/StructureDefinition/cpis-care-manager-role";
    }

    /** The package's search parameters, as requests name them. */
    public static final class SearchParameters {
        private SearchParameters() {}

        /** Includes a Flag's plan: the package's {@code detail} parameter on the flag-detail extension. */
        public static final String FLAG_PLAN_INCLUDE = "Flag:detail";
        /** A plan's social worker's PractitionerRole (the cpis-care-manager-role extension). */
        public static final String CARE_MANAGER_ROLE = "care-manager-role";
        /** The LA of a social worker (its staff identifier's assigner) or of a team (its managing organisation). */
        public static final String STAFF_LOCAL_AUTHORITY = "local-authority";
    }

    /** Identifier systems. */
    public static final class Identifiers {
        private Identifiers() {}

        public static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
        public static final String ODS_CODE = "https://fhir.nhs.uk/Id/ods-organization-code";
        public static final String LOCAL_AUTHORITY_PLAN = CANONICAL_BASE + "/Id/local-authority-plan";
        /** A social worker's staff identifier, unique within the LA that assigned it (Practitioner, PractitionerRole). */
        public static final String LOCAL_AUTHORITY_STAFF = CANONICAL_BASE + "/Id/local-authority-staff";
        /** A social work team's identifier, unique within its LA (CareTeam). */
        public static final String LOCAL_AUTHORITY_TEAM = CANONICAL_BASE + "/Id/local-authority-team";
        /** One clinician access (a request): ties together the notifications it sent to several LAs. */
        public static final String ACCESS = CANONICAL_BASE + "/Id/access";
    }

    /** CP-IS code systems of the audit trail. */
    public static final class AuditCodes {
        private AuditCodes() {}

        /** The user's role ({@code cpis_role} claim). */
        public static final String ROLE = CANONICAL_BASE + "/CodeSystem/cpis-role";
        /** The clinician's activity ({@code cpis_activity} claim): B0107 unscheduled care, B0170 scheduled. */
        public static final String ACTIVITY = CANONICAL_BASE + "/CodeSystem/cpis-activity";
        public static final String UNSCHEDULED_CARE = "B0107";
        public static final String SCHEDULED_CARE = "B0170";
        /** FHIR R4 audit code systems, shared by every AuditEvent the server writes. */
        public static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
        public static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
        public static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
        /** How the server names itself as the source ({@code AuditEvent.source.observer.display}). */
        public static final String SERVER_NAME = "CP-IS FHIR server";
        /** FHIR's restful-interaction codes, the subtype of every access AuditEvent (IHE BALP). */
        public static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
        /** The package's AuditEvent search parameter on {@code agent.who.identifier} (the user's {@code sub}). */
        public static final String AGENT_IDENTIFIER_PARAMETER = "agent-identifier";
    }

    /** Operations CP-IS defines ({@code fhir-profiles/input/fsh/OperationDefinition-*}). */
    public static final class Operations {
        private Operations() {}

        /** {@code Patient/$cpis-access-history}: a child's last unscheduled-care accesses. */
        public static final String ACCESS_HISTORY = "$cpis-access-history";

        /** {@code $cpis-apply-retention}: removes the records past their retention period now (admin only). */
        public static final String APPLY_RETENTION = "$cpis-apply-retention";

        /** {@code $cpis-submit-file}: an LA's CSV file, one row per plan, submitted as one transaction. */
        public static final String SUBMIT_FILE = "$cpis-submit-file";
    }

    /** Why a submission was refused: the codes of CodeSystem cpis-submission-rule, one per rule. */
    public static final class SubmissionRules {
        private SubmissionRules() {}

        public static final String SYSTEM = CANONICAL_BASE + "/CodeSystem/cpis-submission-rule";
        public static final String PROFILE = "profile";
        public static final String ELEMENT_LIMITS = "element-limits";
        public static final String CONDITIONAL_KEYS = "conditional-keys";
        public static final String DUPLICATE_ENTRY = "duplicate-entry";
        public static final String SUBMITTING_AUTHORITY = "submitting-authority";
        public static final String SOMETHING_TO_FLAG = "something-to-flag";
        public static final String FLAG_AGREES_WITH_PLAN = "flag-agrees-with-plan";
        public static final String UNBORN_PLAN_ON_MOTHER = "unborn-plan-on-mother";
        public static final String ONE_ACTIVE_PLAN = "one-active-plan";
        public static final String NO_FUTURE_DATES = "no-future-dates";
    }

    /** What became of each row of an LA's file ({@code $cpis-submit-file}): CodeSystem cpis-file-result. */
    public static final class FileResults {
        private FileResults() {}

        public static final String SYSTEM = CANONICAL_BASE + "/CodeSystem/cpis-file-result";
    }

    /** Plan types (SNOMED CT), the members of {@link #VALUE_SET}. */
    public static final class PlanTypes {
        private PlanTypes() {}

        public static final String VALUE_SET = CANONICAL_BASE + "/ValueSet/cpis-plan-type";
        public static final String SNOMED = "http://snomed.info/sct";
        public static final String CHILD_PROTECTION_PLAN = "342191000000101";
        public static final String LOOKED_AFTER_CHILD = "764841000000100";
        public static final String UNBORN_CHILD_PROTECTION_PLAN = "818901000000100";
    }

    /** The social worker's role code (SNOMED CT occupation). */
    public static final class StaffRoles {
        private StaffRoles() {}

        public static final String SNOMED = "http://snomed.info/sct";
        public static final String SOCIAL_WORKER = "106328005";
        public static final String SOCIAL_WORKER_DISPLAY = "Social worker";
    }

    /** Flag categories every CP-IS flag carries. */
    public static final class FlagCategories {
        private FlagCategories() {}

        public static final String NHS_SYSTEM =
                "https://fhir.nhs.uk/England/CodeSystem/England-FlagCategoryPatient";
        public static final String NHS_CODE = "child-protection-information-system-flag";
        public static final String CORE_SYSTEM = "http://terminology.hl7.org/CodeSystem/flag-category";
        public static final String CORE_CODE = "safety";
    }
}
