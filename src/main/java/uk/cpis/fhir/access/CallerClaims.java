package uk.cpis.fhir.access;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller, as its token's claims describe it (names fixed by the contract; see the guide's security page).
 *
 * @param issuer {@code iss}: who vouches for the user; with {@code sub} it names the user uniquely
 * @param subject {@code sub}: the user, unique only within its issuer
 * @param role {@code cpis_role}
 * @param organisation {@code cpis_org}: the ODS code of the care setting (clinician) or the LA
 * @param activity {@code cpis_activity}: B0107 (unscheduled care, the LA is notified) or B0170 (scheduled care)
 * @param scopes SMART v2 scopes from {@code scope}, empty when the token has none
 */
public record CallerClaims(String issuer, String subject, Role role, String organisation, String activity, List<String> scopes) {

    public static final String ROLE = "cpis_role";
    public static final String ORGANISATION = "cpis_org";
    public static final String ACTIVITY = "cpis_activity";
    public static final String SCOPE = "scope";

    /** Request user-data key under which the caller is kept for storage-level hooks. */
    public static final String REQUEST_KEY = CallerClaims.class.getName();

    /** The roles of CP-IS. */
    public enum Role {
        CLINICIAN("clinician"),
        LOCAL_AUTHORITY("local-authority"),
        AUDITOR("auditor"),
        ADMIN("admin");

        private final String claim;

        Role(String claim) {
            this.claim = claim;
        }

        static Optional<Role> fromClaim(String value) {
            return Arrays.stream(values()).filter(r -> r.claim.equals(value)).findFirst();
        }

        public String claim() {
            return claim;
        }
    }

    /** A key naming this user in this role: same issuer, subject and role means the same caller. */
    public String key() {
        return issuer + " " + subject + " " + role.claim();
    }

    /** The caller of a validated token; empty when the role is missing or unknown (such a caller may do nothing). */
    static Optional<CallerClaims> from(Jwt jwt) {
        Optional<Role> role = Role.fromClaim(jwt.getClaimAsString(ROLE));
        String scope = jwt.getClaimAsString(SCOPE);
        List<String> scopes = scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split("\\s+"));
        return role.map(r -> new CallerClaims(jwt.getClaimAsString("iss"),
                jwt.getSubject(), r, jwt.getClaimAsString(ORGANISATION), jwt.getClaimAsString(ACTIVITY), scopes));
    }
}
