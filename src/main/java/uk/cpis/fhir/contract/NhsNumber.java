package uk.cpis.fhir.contract;

/**
 * The NHS number's own rule: ten digits, the last being the modulus-11 check digit of the first nine (weights 10
 * down to 2; a remainder giving check 10 means the number is never issued). The profile {@code cpis-patient}
 * states the same rule as a FHIRPath invariant; this is for places a validator does not reach, such as the NHS
 * numbers in conditional URLs and search parameters.
 */
public final class NhsNumber {

    private NhsNumber() {}

    /**
     * The NHS number a search token names: {@code https://fhir.nhs.uk/Id/nhs-number|9434765919} gives
     * 9434765919; another system, no system or an invalid number gives nothing.
     */
    public static java.util.Optional<String> fromToken(String token) {
        String prefix = CpisContract.Identifiers.NHS_NUMBER + "|";
        if (token == null || !token.startsWith(prefix) || !isValid(token.substring(prefix.length()))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(token.substring(prefix.length()));
    }

    /** Whether {@code value} is a well-formed NHS number with a correct check digit. */
    public static boolean isValid(String value) {
        if (value == null || !value.matches("\\d{10}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (value.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == value.charAt(9) - '0';
    }
}
