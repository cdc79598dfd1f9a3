package uk.cpis.fhir.filesubmission;

/** The {@code submit} command was given arguments it cannot use; the message says which and why. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
