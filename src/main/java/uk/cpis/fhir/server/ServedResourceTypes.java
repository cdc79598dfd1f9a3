package uk.cpis.fhir.server;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The resource types this server holds: those its REST endpoint serves (every type some role's grant names, plus
 * {@code Bundle} for {@code Bundle/$validate}), and those HAPI's own services store or look up although no client
 * reaches them. Every other R4 type has no DAO, no resource provider and no place in the CapabilityStatement: a
 * request for one is HAPI's 404 "unknown resource type", and starting the server skips some 120 DAOs. An
 * unqualified chain through a reference to any type (an admin's {@code AuditEvent?entity.identifier=…}) is refused
 * with 400; a typed one ({@code entity:Patient.identifier}) works.
 */
public final class ServedResourceTypes {

    /**
     * Reached over REST (the access policy decides by whom). OperationDefinition: HAPI's CapabilityStatement
     * advertises it whatever is served, so it is served, and held to the policy like every other type.
     */
    public static final Set<String> SERVED = Set.of(
            "Patient", "Flag", "EpisodeOfCare", "Organization", "Practitioner", "PractitionerRole", "CareTeam",
            "AuditEvent", "Communication", "Provenance", "Subscription",
            "StructureDefinition", "ValueSet", "CodeSystem", "SearchParameter", "OperationDefinition",
            "Bundle");

    /**
     * Stored or looked up only by HAPI itself: package contents (Binary), validation support (Questionnaire,
     * ConceptMap, NamingSystem), the package installer (ImplementationGuide), and the merge
     * and replace-references services HAPI's JPA configuration always builds (Task).
     */
    static final Set<String> INTERNAL = Set.of(
            "Binary", "Questionnaire", "ConceptMap", "NamingSystem", "ImplementationGuide", "Task");

    /**
     * Never stored, but a possible target of a reference some role searches through by an unqualified chain
     * ({@code Flag?patient.identifier=…}: R4's patient parameter may point at a Group too). HAPI builds the chain
     * for every possible target type and fails on one it has no DAO for, rather than skipping it.
     */
    static final Set<String> CHAIN_TARGETS = Set.of("Group");

    /** Every type that keeps its DAO. */
    static final Set<String> STORED = Stream.of(SERVED, INTERNAL, CHAIN_TARGETS)
            .flatMap(Set::stream)
            .collect(Collectors.toUnmodifiableSet());

    private ServedResourceTypes() {}
}
