package uk.cpis.fhir.support;

import java.util.concurrent.ThreadLocalRandom;

/** Valid NHS numbers for tests: random, so tests sharing one database never see each other's patients. */
public final class NhsNumbers {

    private NhsNumbers() {}

    /** A random 10-digit number with a valid modulus-11 check digit. */
    public static String random() {
        while (true) {
            StringBuilder digits = new StringBuilder();
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                int d = ThreadLocalRandom.current().nextInt(i == 0 ? 1 : 0, 10);
                digits.append(d);
                sum += d * (10 - i);
            }
            int check = 11 - (sum % 11);
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return digits.append(check).toString();
            }
        }
    }
}
