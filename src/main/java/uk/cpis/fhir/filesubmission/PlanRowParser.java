package uk.cpis.fhir.filesubmission;

import static uk.cpis.fhir.filesubmission.FileColumn.DATE_OF_BIRTH;
import static uk.cpis.fhir.filesubmission.FileColumn.EXPECTED_DELIVERY_DATE;
import static uk.cpis.fhir.filesubmission.FileColumn.NHS_NUMBER;
import static uk.cpis.fhir.filesubmission.FileColumn.PLAN_END;
import static uk.cpis.fhir.filesubmission.FileColumn.PLAN_REFERENCE;
import static uk.cpis.fhir.filesubmission.FileColumn.PLAN_START;
import static uk.cpis.fhir.filesubmission.FileColumn.PLAN_STATUS;
import static uk.cpis.fhir.filesubmission.FileColumn.PLAN_TYPE;
import static uk.cpis.fhir.filesubmission.FileColumn.SOCIAL_WORKER_EMAIL;
import static uk.cpis.fhir.filesubmission.FileColumn.SOCIAL_WORKER_ID;
import static uk.cpis.fhir.filesubmission.FileColumn.SOCIAL_WORKER_NAME;
import static uk.cpis.fhir.filesubmission.FileColumn.SOCIAL_WORKER_PHONE;
import static uk.cpis.fhir.filesubmission.FileColumn.TEAM_ID;
import static uk.cpis.fhir.filesubmission.FileColumn.TEAM_NAME;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import uk.cpis.fhir.contract.NhsNumber;

/**
 * Checks one row on its own (each cell, and the cells of the row against each other) and, when nothing is wrong
 * with it and the header has every required column, reads it into a {@link PlanRow}. Every problem of the row is
 * reported, not the first.
 */
final class PlanRowParser {

    /** The server's own limit on an identifier value (a key it stores in a column of limited length). */
    static final int MAX_KEY_LENGTH = 64;
    /**
     * Plan, staff and team references go into conditional URLs ({@code EpisodeOfCare?identifier=…|<reference>}),
     * where a comma, a bar, an ampersand or a space would change the search: only characters that mean nothing
     * there are allowed, starting with a letter or a digit.
     */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]*");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final DateTimeFormatter ISO_DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** The problems of a row, and the row as a plan when it has none. */
    record Parsed(Optional<PlanRow> plan, List<FileProblem> problems) {}

    private final FileHeader header;

    PlanRowParser(FileHeader header) {
        this.header = header;
    }

    Parsed parse(FileRow row) {
        RowCheck check = new RowCheck(row);
        String nhsNumber = check.nhsNumber();
        LocalDate dateOfBirth = check.date(DATE_OF_BIRTH);
        PlanType type = check.planType();
        String reference = check.key(PLAN_REFERENCE);
        LocalDate start = check.date(PLAN_START);
        Boolean finished = check.finished();
        LocalDate end = check.date(PLAN_END);
        LocalDate expectedDelivery = check.date(EXPECTED_DELIVERY_DATE);
        check.planEnd(finished, start, end);
        check.expectedDelivery(type);
        PlanRow.SocialWorker worker = check.socialWorker();
        PlanRow.Team team = check.team();
        if (!check.problems.isEmpty() || !header.complete()) {
            return new Parsed(Optional.empty(), check.problems);
        }
        return new Parsed(Optional.of(new PlanRow(row.row(), nhsNumber, dateOfBirth, type, reference, start,
                finished, end, expectedDelivery, worker, team)), List.of());
    }

    /** The checks of one row, collecting its problems. */
    private final class RowCheck {

        private final FileRow row;
        private final List<FileProblem> problems = new ArrayList<>();

        RowCheck(FileRow row) {
            this.row = row;
        }

        private void problem(FileColumn column, String message) {
            problems.add(FileProblem.rejected(row.row(), column, message));
        }

        /** The cell of a required column, or null (reported) when empty; null unreported when the header lacks it. */
        private String required(FileColumn column) {
            if (!header.columns().contains(column)) {
                return null; // the header's problem, reported once for the file
            }
            if (!row.has(column)) {
                problem(column, column.header() + " is empty: it is required");
                return null;
            }
            return row.value(column);
        }

        String nhsNumber() {
            String value = required(NHS_NUMBER);
            if (value != null && !NhsNumber.isValid(value)) {
                problems.add(new FileProblem(row.row(), NHS_NUMBER.header(), FileResult.NHS_NUMBER_INVALID,
                        "nhs_number is not a valid NHS number: 10 digits"
                                + (value.contains(" ") ? " written without spaces" : "")
                                + ", the last being the check digit of the first nine"));
                return null;
            }
            return value;
        }

        LocalDate date(FileColumn column) {
            String value = column.required() ? required(column) : optional(column);
            if (value == null) {
                return null;
            }
            if (!DATE.matcher(value).matches()) {
                problem(column, column.header() + " " + FileProblem.quoted(value)
                        + " is not a date written YYYY-MM-DD (for example 2025-01-06)");
                return null;
            }
            try {
                return LocalDate.parse(value, ISO_DATE);
            } catch (DateTimeParseException e) {
                problem(column, column.header() + " " + FileProblem.quoted(value) + " is not a real date");
                return null;
            }
        }

        private String optional(FileColumn column) {
            return row.has(column) ? row.value(column) : null;
        }

        PlanType planType() {
            String value = required(PLAN_TYPE);
            if (value == null) {
                return null;
            }
            Optional<PlanType> type = PlanType.byCode(value);
            if (type.isEmpty()) {
                problem(PLAN_TYPE, "Unknown plan_type " + FileProblem.quoted(value) + ": use CPP (child protection"
                        + " plan), LAC (looked after child) or UNBORN (unborn child protection plan, on the mother)");
            }
            return type.orElse(null);
        }

        /** A plan, staff or team reference: the key CP-IS keeps one record by. */
        String key(FileColumn column) {
            String value = column.required() ? required(column) : optional(column);
            if (value == null) {
                return null;
            }
            if (value.length() > MAX_KEY_LENGTH || !KEY.matcher(value).matches()) {
                problem(column, column.header() + " " + FileProblem.quoted(value) + " may hold only letters, digits"
                        + " and . _ / : - (starting with a letter or a digit), at most " + MAX_KEY_LENGTH
                        + " characters");
                return null;
            }
            return value;
        }

        /** Whether the plan is finished (true), active (false), or unknown (null, reported). */
        Boolean finished() {
            String value = required(PLAN_STATUS);
            if (value == null) {
                return null;
            }
            return switch (value) {
                case "active" -> false;
                case "finished" -> true;
                default -> {
                    problem(PLAN_STATUS, "Unknown plan_status " + FileProblem.quoted(value) + ": use active or finished");
                    yield null;
                }
            };
        }

        void planEnd(Boolean finished, LocalDate start, LocalDate end) {
            if (Boolean.TRUE.equals(finished) && !row.has(PLAN_END)) {
                problem(PLAN_END, "plan_end is empty: a finished plan needs its end date");
            } else if (Boolean.FALSE.equals(finished) && row.has(PLAN_END)) {
                problem(PLAN_END, "plan_end is given but plan_status is active: to end the plan, set plan_status"
                        + " to finished; otherwise leave plan_end empty");
            }
            if (start != null && end != null && end.isBefore(start)) {
                problem(PLAN_END, "plan_end " + end + " is before plan_start " + start);
            }
        }

        void expectedDelivery(PlanType type) {
            if (type == PlanType.UNBORN && !row.has(EXPECTED_DELIVERY_DATE)) {
                problem(EXPECTED_DELIVERY_DATE, "expected_delivery_date is empty: an UNBORN plan needs it");
            } else if (type != null && type != PlanType.UNBORN && row.has(EXPECTED_DELIVERY_DATE)) {
                problem(EXPECTED_DELIVERY_DATE, "expected_delivery_date is given for a " + type
                        + " plan: only an UNBORN plan has one; leave it empty");
            }
        }

        PlanRow.SocialWorker socialWorker() {
            String name = optional(SOCIAL_WORKER_NAME);
            String phone = optional(SOCIAL_WORKER_PHONE);
            String email = optional(SOCIAL_WORKER_EMAIL);
            if (!row.has(SOCIAL_WORKER_ID)) {
                if (name != null || phone != null || email != null) {
                    problem(SOCIAL_WORKER_ID, "social_worker_id is empty but the row gives the social worker's"
                            + " name, phone or e-mail: a social worker is named by the LA's staff identifier");
                }
                return null;
            }
            String id = key(SOCIAL_WORKER_ID);
            if (name == null) {
                problem(SOCIAL_WORKER_NAME, "social_worker_name is empty: a social worker needs a name");
            }
            if (phone == null && email == null) {
                problem(SOCIAL_WORKER_PHONE, "social_worker_phone and social_worker_email are both empty: a social"
                        + " worker needs a work phone or a work e-mail (or both)");
            }
            if (phone != null && (!PHONE.matcher(phone).matches() || digits(phone) < 6 || digits(phone) > 15)) {
                problem(SOCIAL_WORKER_PHONE, "social_worker_phone " + FileProblem.quoted(phone) + " is not a phone"
                        + " number: digits, spaces and + ( ) - . only (for example 0113 378 0000)");
            }
            if (email != null && !EMAIL.matcher(email).matches()) {
                problem(SOCIAL_WORKER_EMAIL, "social_worker_email " + FileProblem.quoted(email)
                        + " is not an e-mail address");
            }
            return new PlanRow.SocialWorker(id, name, phone, email);
        }

        PlanRow.Team team() {
            String name = optional(TEAM_NAME);
            if (!row.has(TEAM_ID)) {
                if (name != null) {
                    problem(TEAM_ID, "team_id is empty but team_name is given: a team is named by the LA's team"
                            + " identifier");
                }
                return null;
            }
            String id = key(TEAM_ID);
            if (name == null) {
                problem(TEAM_NAME, "team_name is empty: a team needs a name");
            }
            return new PlanRow.Team(id, name);
        }
    }

    private static long digits(String text) {
        return text.chars().filter(Character::isDigit).count();
    }
}
