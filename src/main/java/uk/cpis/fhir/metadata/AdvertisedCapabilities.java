package uk.cpis.fhir.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import uk.cpis.fhir.access.AccessPolicy;
import uk.cpis.fhir.access.AccessPolicy.Bundles;
import uk.cpis.fhir.access.AccessPolicy.Caller;
import uk.cpis.fhir.access.AccessPolicy.CallerPolicy;
import uk.cpis.fhir.access.AccessPolicy.Grant;
import uk.cpis.fhir.access.AccessPolicy.Interaction;
import uk.cpis.fhir.access.AccessPolicy.OperationGrant;

/**
 * What the CapabilityStatement may advertise: the union, over every caller, of what the access policy grants it
 * explicitly — per resource type the REST interactions, the search parameters (by their base name: a granted
 * {@code patient.identifier} advertises {@code patient}), the {@code _include}s and the operations; at server
 * level the bundle interactions and operations. An administrator's blanket grant is not expanded: what only an
 * administrator may do (history, deletes, direct writes, HAPI's maintenance operations) is for operators and is
 * not offered to integrators. Writes a caller may make only as entries of a submission bundle are advertised as
 * the server's {@code transaction} and {@code batch}, not as the type's own {@code create}/{@code update}.
 */
public final class AdvertisedCapabilities {

    /** What may be advertised for one resource type; operation names without their {@code $}. */
    public record TypeCapabilities(Set<String> interactions, Set<String> searchParameters, Set<String> includes,
            Set<String> operations, String scopePermissions) {}

    private final Map<String, TypeCapabilities> types;
    private final Set<String> serverInteractions;
    private final Set<String> serverOperations;

    private AdvertisedCapabilities(Map<String, TypeCapabilities> types, Set<String> serverInteractions,
            Set<String> serverOperations) {
        this.types = types;
        this.serverInteractions = serverInteractions;
        this.serverOperations = serverOperations;
    }

    /** The capabilities some caller of {@code policy} is granted, for the resource types the server serves. */
    public static AdvertisedCapabilities of(AccessPolicy policy, Set<String> servedTypes) {
        Map<String, Mutable> byType = new LinkedHashMap<>();
        Set<String> serverInteractions = new LinkedHashSet<>();
        Set<String> serverOperations = new LinkedHashSet<>();
        for (Caller caller : Caller.values()) {
            CallerPolicy granted = policy.of(caller);
            for (Grant grant : granted.grants().values()) {
                Mutable type = byType.computeIfAbsent(grant.type(), t -> new Mutable());
                for (Interaction interaction : grant.interactions()) {
                    type.permissions.add(scopeLetter(interaction));
                    String code = restCode(interaction);
                    if (interaction == Interaction.READ || interaction == Interaction.SEARCH || !grant.writesInBundleOnly()) {
                        type.interactions.add(code);
                    }
                }
                if (grant.interactions().contains(Interaction.SEARCH)) {
                    grant.parameters().keySet().forEach(name -> type.searchParameters.add(baseName(name)));
                    type.includes.addAll(grant.includes());
                }
            }
            for (OperationGrant operation : granted.operations()) {
                String name = operation.name().substring(1);
                if (operation.type() == null) {
                    serverOperations.add(name);
                } else if (operation.type().equals("*")) {
                    for (String served : servedTypes) {
                        byType.computeIfAbsent(served, t -> new Mutable()).operations.add(name);
                    }
                } else {
                    byType.computeIfAbsent(operation.type(), t -> new Mutable()).operations.add(name);
                }
            }
            if (granted.bundles() != Bundles.NONE) {
                serverInteractions.add("transaction");
                serverInteractions.add("batch");
            }
        }
        Map<String, TypeCapabilities> types = new LinkedHashMap<>();
        byType.forEach((type, found) -> {
            if (servedTypes.contains(type)) {
                types.put(type, found.frozen());
            }
        });
        return new AdvertisedCapabilities(Collections.unmodifiableMap(types),
                Collections.unmodifiableSet(serverInteractions), Collections.unmodifiableSet(serverOperations));
    }

    /** Per resource type, what may be advertised; a type that is absent is not advertised at all. */
    public Map<String, TypeCapabilities> types() {
        return types;
    }

    /** Server-level interactions ({@code transaction}, {@code batch}). */
    public Set<String> serverInteractions() {
        return serverInteractions;
    }

    /** Server-level operations, without their {@code $}. */
    public Set<String> serverOperations() {
        return serverOperations;
    }

    /** The name a parameter is advertised by: without its chain or modifier ({@code patient.identifier}: patient). */
    static String baseName(String parameter) {
        int end = parameter.length();
        for (char separator : new char[] {'.', ':'}) {
            int at = parameter.indexOf(separator);
            if (at > 0) {
                end = Math.min(end, at);
            }
        }
        return parameter.substring(0, end);
    }

    /** SMART v2's letter for an interaction; a write in a submission bundle is a create or update too. */
    private static char scopeLetter(Interaction interaction) {
        return switch (interaction) {
            case CREATE -> 'c';
            case READ -> 'r';
            case UPDATE -> 'u';
            case DELETE -> 'd';
            case SEARCH -> 's';
        };
    }

    private static String restCode(Interaction interaction) {
        return switch (interaction) {
            case READ -> "read";
            case SEARCH -> "search-type";
            case CREATE -> "create";
            case UPDATE -> "update";
            case DELETE -> "delete";
        };
    }

    private static final class Mutable {
        final Set<String> interactions = new LinkedHashSet<>();
        final Set<String> searchParameters = new LinkedHashSet<>();
        final Set<String> includes = new LinkedHashSet<>();
        final Set<String> operations = new LinkedHashSet<>();
        final Set<Character> permissions = new java.util.TreeSet<>(java.util.Comparator.comparingInt("cruds"::indexOf));

        TypeCapabilities frozen() {
            return new TypeCapabilities(ordered(interactions), ordered(searchParameters), ordered(includes),
                    ordered(operations), permissions.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining()));
        }

        private static Set<String> ordered(Set<String> values) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }
    }
}
