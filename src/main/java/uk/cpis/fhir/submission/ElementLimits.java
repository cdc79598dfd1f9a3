package uk.cpis.fhir.submission;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.IModelVisitor2;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;


/**
 * Guards the validator's time: before a submission is validated (whose cost grows with the square of an
 * element's repetitions), it is held to limits no real plan comes near: an element repeated more than
 * {@value #MAX_REPEATS} times under one parent, an identifier value longer than {@value #MAX_IDENTIFIER}
 * characters (a key HAPI stores in a column of limited length), a request URL or {@code ifNoneExist} longer
 * than {@value #MAX_REQUEST} characters, or any other text longer than {@value #MAX_TEXT}. Such a bundle is
 * refused in milliseconds with 422 ({@code too-long}), before the validator sees it.
 */
final class ElementLimits {

    static final int MAX_REPEATS = 50;
    static final int MAX_IDENTIFIER = 64;
    static final int MAX_REQUEST = 512;
    static final int MAX_TEXT = 10_000;
    private static final FhirTerser TERSER = FhirContext.forR4Cached().newTerser();

    private ElementLimits() {}

    static List<SubmissionIssue> check(SubmissionBundle submission) {
        List<SubmissionIssue> issues = new ArrayList<>();
        for (SubmissionBundle.Entry entry : submission.entries()) {
            String url = entry.request().getUrl();
            String key = entry.request().getIfNoneExist();
            if ((url != null && url.length() > MAX_REQUEST) || (key != null && key.length() > MAX_REQUEST)) {
                issues.add(tooLong(submission.requestLocation(entry, url != null && url.length() > MAX_REQUEST ? "url" : "ifNoneExist"),
                        "A request URL or ifNoneExist is longer than " + MAX_REQUEST + " characters"));
            }
            if (entry.resource() != null) {
                checkResource(submission, entry, issues);
            }
            if (issues.size() > 20) {
                break; // enough to say what is wrong, without spending on it
            }
        }
        return issues;
    }

    private static void checkResource(SubmissionBundle submission, SubmissionBundle.Entry entry, List<SubmissionIssue> issues) {
        Map<IBase, Map<String, Integer>> repeats = new IdentityHashMap<>();
        TERSER.visit(entry.resource(), new IModelVisitor2() {
            @Override
            public boolean acceptElement(IBase element, List<IBase> containing, List<BaseRuntimeChildDefinition> children,
                    List<BaseRuntimeElementDefinition<?>> definitions) {
                if (issues.size() > 20) {
                    return false;
                }
                if (containing.size() >= 2 && !children.isEmpty()) {
                    IBase parent = containing.get(containing.size() - 2);
                    String name = children.get(children.size() - 1).getElementName();
                    int count = repeats.computeIfAbsent(parent, p -> new HashMap<>()).merge(name, 1, Integer::sum);
                    if (count == MAX_REPEATS + 1) {
                        issues.add(tooLong(submission.location(entry, name), "The element " + name + " repeats more than "
                                + MAX_REPEATS + " times"));
                        return false;
                    }
                }
                if (element instanceof Identifier identifier && identifier.hasValue()
                        && identifier.getValue().length() > MAX_IDENTIFIER) {
                    issues.add(tooLong(submission.location(entry, "identifier"), "An identifier value is longer than "
                            + MAX_IDENTIFIER + " characters"));
                } else if (element instanceof IPrimitiveType<?> primitive && !(element instanceof org.hl7.fhir.instance.model.api.IBaseXhtml)
                        && primitive.getValueAsString() != null && primitive.getValueAsString().length() > MAX_TEXT) {
                    issues.add(tooLong(submission.location(entry, ""), "A value is longer than " + MAX_TEXT + " characters"));
                }
                return true;
            }
        });
    }

    private static SubmissionIssue tooLong(String location, String message) {
        return new SubmissionIssue(IssueType.TOOLONG, location, message + "; nothing was validated or stored");
    }
}
