package uk.cpis.fhir.access;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.util.UrlUtil;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.cpis.fhir.access.AccessPolicy.Bundles;
import uk.cpis.fhir.access.AccessPolicy.CallerPolicy;
import uk.cpis.fhir.access.AccessPolicy.Grant;
import uk.cpis.fhir.access.AccessPolicy.Interaction;
import uk.cpis.fhir.access.AccessPolicy.OperationGrant;
import uk.cpis.fhir.access.AccessPolicy.Value;
import uk.cpis.fhir.contract.NhsNumber;

/**
 * Decides whether a request, as HAPI parsed it, is one the caller's policy lists: its interaction on its type,
 * and each of its parameters by exact name (a modifier or chain is part of the name) and, where the policy says,
 * by value. A pure function of the policy and the request, so that it is tested in milliseconds; which records
 * come back or are written is the authorisation rules' check, not this.
 */
final class RequestPolicy {

    /** One request as the policy sees it; for a bundle, its entries. */
    record Request(RestOperationTypeEnum operation, String type, String operationName, String compartment,
            Map<String, String[]> parameters, List<Entry> entries) {}

    /** A bundle entry: its method and URL. */
    record Entry(String method, String url) {}

    private RequestPolicy() {}

    /** Empty when allowed; otherwise why not, in words safe to show the caller. */
    static Optional<String> refusal(CallerPolicy policy, Request request) {
        RestOperationTypeEnum operation = request.operation();
        if (operation == null) {
            return Optional.of("This request is not one the server handles for this caller");
        }
        if (operation == RestOperationTypeEnum.METADATA) {
            return Optional.empty();
        }
        boolean extended = operation == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER
                || operation == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                || operation == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE;
        if (extended && AccessPolicy.NEVER.contains(request.operationName())) {
            return Optional.of(request.operationName() + " is refused to every caller");
        }
        if (policy.everything()) {
            return Optional.empty();
        }
        if (request.compartment() != null) {
            return Optional.of("Compartment searches are not allowed");
        }
        return switch (operation) {
            case READ -> read(policy, request);
            case SEARCH_TYPE -> search(policy, request.type(), request.parameters());
            case GET_PAGE -> onlyParameters(request.parameters(), AccessPolicy.PAGE_PARAMETERS);
            case CREATE -> write(policy, request.type(), Interaction.CREATE);
            case UPDATE -> write(policy, request.type(), Interaction.UPDATE);
            case DELETE -> write(policy, request.type(), Interaction.DELETE);
            // A posted batch too: HAPI's REST layer reports both bundle types as TRANSACTION.
            case TRANSACTION -> bundle(policy, request.entries());
            case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> operation(policy, request);
            case HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM, VREAD -> Optional.of("History is for administrators only");
            default -> Optional.of("This interaction (" + operation.getCode() + ") is not allowed");
        };
    }

    private static Optional<String> read(CallerPolicy policy, Request request) {
        if (!policy.grant(request.type()).map(g -> g.allows(Interaction.READ)).orElse(false)) {
            return Optional.of("Reading " + request.type() + " by id is not allowed");
        }
        return onlyParameters(request.parameters(), AccessPolicy.READ_PARAMETERS);
    }

    private static Optional<String> search(CallerPolicy policy, String type, Map<String, String[]> parameters) {
        Optional<Grant> found = policy.grant(type).filter(g -> g.allows(Interaction.SEARCH));
        if (found.isEmpty()) {
            return Optional.of("Searching " + type + " is not allowed");
        }
        Grant grant = found.get();
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String[] values = parameter.getValue();
            Optional<String> refused;
            if (name.equals("_include")) {
                refused = allListed(values, grant.includes(), "_include");
            } else if (name.equals("_include:iterate")) {
                refused = allListed(values, grant.iterateIncludes(), "_include:iterate");
            } else if (name.equals("_sort")) {
                refused = sorts(values, grant);
            } else if (AccessPolicy.SHAPING.contains(name)) {
                refused = Optional.empty();
            } else if (grant.parameters().containsKey(name)) {
                refused = value(name, values, grant.parameters().get(name));
            } else {
                refused = Optional.of("The search parameter " + name + " is not allowed on " + type);
            }
            if (refused.isPresent()) {
                return refused;
            }
        }
        if (!grant.required().isEmpty() && grant.required().stream().noneMatch(parameters::containsKey)) {
            return Optional.of(type + " is searched by " + String.join(" or ", grant.required()) + " (an exact NHS number) only");
        }
        return Optional.empty();
    }

    private static Optional<String> value(String name, String[] values, Value check) {
        if (check == Value.NHS_NUMBER && (values.length != 1 || NhsNumber.fromToken(values[0]).isEmpty())) {
            return Optional.of(name + " must be one exact, valid NHS number (https://fhir.nhs.uk/Id/nhs-number|…)");
        }
        return Optional.empty();
    }

    private static Optional<String> allListed(String[] values, java.util.Set<String> allowed, String name) {
        for (String value : values) {
            if (!allowed.contains(value)) {
                return Optional.of(name + "=" + value + " is not allowed here");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> sorts(String[] values, Grant grant) {
        for (String value : values) {
            for (String sort : value.split(",")) {
                String field = sort.startsWith("-") ? sort.substring(1) : sort;
                if (!grant.sorts().contains(field)) {
                    return Optional.of("_sort=" + sort + " is not allowed on " + grant.type());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> onlyParameters(Map<String, String[]> parameters, java.util.Set<String> allowed) {
        return parameters.keySet().stream()
                .filter(name -> !allowed.contains(name))
                .findFirst()
                .map(name -> "The parameter " + name + " is not allowed here");
    }

    private static Optional<String> write(CallerPolicy policy, String type, Interaction interaction) {
        Optional<Grant> grant = policy.grant(type).filter(g -> g.allows(interaction));
        if (grant.isEmpty()) {
            return Optional.of(interaction.name().toLowerCase() + " of " + type + " is not allowed");
        }
        if (grant.get().writesInBundleOnly()) {
            return Optional.of(type + " is written only as an entry of a submission bundle");
        }
        return Optional.empty();
    }

    /**
     * A transaction or batch (HAPI's REST layer reports both as a transaction). Bundle entries that read are
     * also checked one by one as HAPI runs them; judging them here as well refuses a bundle whole rather than
     * answering its allowed entries beside a refused one.
     */
    private static Optional<String> bundle(CallerPolicy policy, List<Entry> entries) {
        if (policy.bundles() == Bundles.NONE) {
            return Optional.of("This role may not send bundles");
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        for (Entry entry : entries) {
            boolean read = "GET".equals(entry.method()) || "HEAD".equals(entry.method());
            Optional<String> refused;
            if (policy.bundles() == Bundles.READS_ONLY) {
                refused = read ? readEntry(policy, entry.url()) : Optional.of("This role's bundles may carry GET entries only");
            } else if (read) {
                refused = Optional.of("A local authority's bundle submits plans and flags; it may not carry GET entries"
                        + " (search or read with a request of its own)");
            } else {
                refused = writeEntry(policy, entry);
            }
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> writeEntry(CallerPolicy policy, Entry entry) {
        String type = UrlUtil.parseUrl(entry.url() == null ? "" : entry.url()).getResourceType();
        Interaction interaction = switch (entry.method() == null ? "" : entry.method()) {
            case "POST" -> Interaction.CREATE;
            case "PUT" -> Interaction.UPDATE;
            case "DELETE" -> Interaction.DELETE;
            default -> null;
        };
        if (interaction == null || type == null
                || !policy.grant(type).map(g -> g.allows(interaction)).orElse(false)) {
            return Optional.of("A bundle entry " + entry.method() + " " + type + " is not allowed");
        }
        return Optional.empty();
    }

    /** A GET entry's URL ("Flag?patient.identifier=…", "Flag/123"), judged as the request it stands for. */
    private static Optional<String> readEntry(CallerPolicy policy, String url) {
        Optional<String> malformed = Optional.of("A bundle entry's URL must be a relative read or search: " + url);
        if (url == null || url.startsWith("http") || url.startsWith("/") || url.contains("_history")) {
            return malformed;
        }
        UrlUtil.UrlParts parts;
        try {
            parts = UrlUtil.parseUrl(url);
        } catch (RuntimeException e) {
            return malformed;
        }
        if (parts.getResourceType() == null) {
            return malformed;
        }
        Map<String, String[]> parameters = parts.getParams() == null ? Map.of() : UrlUtil.parseQueryString(parts.getParams());
        String id = parts.getResourceId();
        RestOperationTypeEnum operation;
        String operationName = null;
        if (id == null) {
            operation = RestOperationTypeEnum.SEARCH_TYPE;
        } else if (id.startsWith("$")) {
            operation = RestOperationTypeEnum.EXTENDED_OPERATION_TYPE;
            operationName = id;
        } else if (parts.getVersionId() == null && id.matches("[A-Za-z0-9\\-.]{1,64}")) {
            operation = RestOperationTypeEnum.READ;
        } else {
            return malformed;
        }
        return refusal(policy, new Request(operation, parts.getResourceType(), operationName, null, parameters, List.of()));
    }

    private static Optional<String> operation(CallerPolicy policy, Request request) {
        for (OperationGrant grant : policy.operations()) {
            boolean level = grant.type() == null
                    ? request.operation() == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER
                    : request.operation() == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                            && (grant.type().equals("*") || grant.type().equals(request.type()));
            if (!grant.name().equals(request.operationName()) || !level) {
                continue;
            }
            for (Map.Entry<String, String[]> parameter : request.parameters().entrySet()) {
                Value check = grant.parameters().get(parameter.getKey());
                if (check == null && !AccessPolicy.READ_PARAMETERS.contains(parameter.getKey())) {
                    return Optional.of("The parameter " + parameter.getKey() + " is not allowed on " + grant.name());
                }
                if (check != null) {
                    Optional<String> refused = value(parameter.getKey(), parameter.getValue(), check);
                    if (refused.isPresent()) {
                        return refused;
                    }
                }
            }
            if (grant.required() != null && !request.parameters().containsKey(grant.required())) {
                return Optional.of(grant.name() + " needs " + grant.required() + " (an exact NHS number)");
            }
            return Optional.empty();
        }
        return Optional.of("The operation " + request.operationName() + " is not allowed");
    }
}
